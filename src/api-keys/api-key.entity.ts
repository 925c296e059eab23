import { Entity, Index } from 'typeorm';
import { HashColumn, TimestampColumn, UuidColumn, VarcharColumn } from '../core/database/column-kinds';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import type { DelegableRole } from '../access/roles';

/**
 * A machine credential acting as its organization with `role`. The key reads
 * `dsk_<prefix>_<secret>`: the prefix finds the row, the secret is kept only as its SHA-256.
 */
@Entity('api_keys')
@Index(['organizationId', 'createdAt'])
export class ApiKey extends CreatedEntity {
  @OrganizationColumn() organizationId: string;

  @VarcharColumn(100) name: string;

  @VarcharColumn(16) role: DelegableRole;

  @Index({ unique: true })
  @VarcharColumn(16)
  prefix: string;

  @HashColumn() secretHash: string;

  /** The user or API key that created it. */
  @UuidColumn() createdBy: string;

  @TimestampColumn({ nullable: true }) lastUsedAt: Date | null;

  @TimestampColumn({ nullable: true }) expiresAt: Date | null;

  @TimestampColumn({ nullable: true }) revokedAt: Date | null;
}
