import { Column, Entity, Index } from 'typeorm';
import { TextColumn, TimestampColumn, VarcharColumn } from '../core/database/column-kinds';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import type { MailTemplate } from './templates/mail-template';

/**
 * One mail to send, recorded in the transaction that decided to send it; the mail job carries
 * only its id. A link token travels sealed (encrypted with a key derived from JWT_SECRET) and is
 * erased once the mail is sent. The rendered body is never stored and never logged.
 */
@Entity('outbound_emails')
@Index(['organizationId', 'createdAt'])
export class OutboundEmail extends CreatedEntity {
  @OrganizationColumn() organizationId: string;

  @VarcharColumn(254) recipient: string;

  @VarcharColumn(40) template: MailTemplate;

  /** What the template fills in besides the link: names, a role, a key's name. Nothing secret. */
  @Column({ type: 'jsonb', default: {} })
  params: Record<string, string>;

  @TextColumn({ nullable: true }) sealedToken: string | null;

  @TimestampColumn({ nullable: true }) sentAt: Date | null;
}
