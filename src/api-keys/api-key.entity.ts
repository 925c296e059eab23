import { Column, Entity, Index } from 'typeorm';
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
  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: DelegableRole;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'char', length: 64 })
  secretHash: string;

  /** The user or API key that created it. */
  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
