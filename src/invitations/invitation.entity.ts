import { Entity, Index } from 'typeorm';
import { HashColumn, TimestampColumn, UuidColumn, VarcharColumn } from '../core/database/column-kinds';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import type { DelegableRole } from '../access/roles';

/** An invitation to join an organization. The token travels to the invitee; only its hash is kept. */
@Entity('invitations')
@Index(['organizationId', 'createdAt'])
// One pending invitation per email and organization, even when two admins invite at once.
@Index('UQ_invitations_pending_email', ['organizationId', 'email'], { unique: true, where: '"accepted_at" IS NULL' })
export class Invitation extends CreatedEntity {
  @OrganizationColumn() organizationId: string;

  @VarcharColumn(254) email: string;

  @VarcharColumn(16) role: DelegableRole;

  @Index({ unique: true })
  @HashColumn()
  tokenHash: string;

  @TimestampColumn() expiresAt: Date;

  @TimestampColumn({ nullable: true }) acceptedAt: Date | null;

  /** The user or API key that sent it. */
  @UuidColumn() invitedBy: string;
}
