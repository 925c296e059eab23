import { Column, Entity, Index } from 'typeorm';
import type { UserRole } from '../auth/roles';
import { TimestampedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import { Organization } from '../organizations/organization.entity';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person in one organization. Email is stored lower-cased and unique across Deskbase. */
@Entity('users')
@Index(['organizationId', 'createdAt'])
export class User extends TimestampedEntity {
  @OrganizationColumn()
  organizationId: string;

  /** The relation @OrganizationColumn declares; login loads it. */
  organization?: Organization;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: UserStatus;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
