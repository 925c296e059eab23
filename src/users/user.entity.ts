import { Column, Entity, Index } from 'typeorm';
import { HashColumn, TextColumn, TimestampColumn, VarcharColumn } from '../core/database/column-kinds';
import type { UserRole } from '../access/roles';
import { TimestampedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import { Organization } from '../organizations/organization.entity';

/** What an owner or admin may set; `unconfirmed` is an owner who signed up and has not confirmed by mail. */
export const ASSIGNABLE_USER_STATUSES = ['active', 'disabled'] as const;
export const USER_STATUSES = [...ASSIGNABLE_USER_STATUSES, 'unconfirmed'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person in one organization. Email is stored lower-cased and unique across Deskbase. */
@Entity('users')
@Index(['organizationId', 'createdAt'])
export class User extends TimestampedEntity {
  @OrganizationColumn() organizationId: string;

  /** The relation @OrganizationColumn declares; login loads it. */
  organization?: Organization;

  @Index({ unique: true })
  @VarcharColumn(254)
  email: string;

  @VarcharColumn(120) name: string;

  @VarcharColumn(255) passwordHash: string;

  @VarcharColumn(16) role: UserRole;

  @VarcharColumn(16, { default: 'active' }) status: UserStatus;

  @TimestampColumn({ nullable: true }) lastLoginAt: Date | null;

  /** SHA-256 of the secret part of the one pending password-reset link; cleared when used. */
  @HashColumn({ nullable: true, select: false }) passwordResetHash: string | null;

  @TimestampColumn({ nullable: true, select: false }) passwordResetExpiresAt: Date | null;

  /** SHA-256 of the secret part of the signup confirmation link; cleared when confirmed. */
  @HashColumn({ nullable: true, select: false }) signupConfirmationHash: string | null;

  @TimestampColumn({ nullable: true, select: false }) signupConfirmationExpiresAt: Date | null;

  /** The TOTP seed, in a SecretBox; set at enrolment, in use once twoFactorEnabledAt is set. */
  @TextColumn({ nullable: true, select: false }) twoFactorSecret: string | null;

  @TimestampColumn({ nullable: true }) twoFactorEnabledAt: Date | null;

  /** The last TOTP time step accepted: each code works once. */
  @Column({
    type: 'bigint',
    nullable: true,
    select: false,
    transformer: { to: (v: unknown) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  twoFactorLastStep: number | null;

  /** SHA-256 of each unused recovery code. */
  @TextColumn({ array: true, default: () => "'{}'", select: false }) twoFactorRecoveryHashes: string[];
}
