import { Column, Entity, Index } from 'typeorm';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import type { DelegableRole } from '../access/roles';

/** An invitation to join an organization. The token travels to the invitee; only its hash is kept. */
@Entity('invitations')
@Index(['organizationId', 'createdAt'])
// One pending invitation per email and organization, even when two admins invite at once.
@Index('UQ_invitations_pending_email', ['organizationId', 'email'], { unique: true, where: '"accepted_at" IS NULL' })
export class Invitation extends CreatedEntity {
  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 16 })
  role: DelegableRole;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  /** The user or API key that sent it. */
  @Column({ type: 'uuid' })
  invitedBy: string;
}
