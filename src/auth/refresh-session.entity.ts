import { Column, Entity, Index } from 'typeorm';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import { ReferenceColumn } from '../core/database/reference-column';
import { User } from '../users/user.entity';

/**
 * One refresh token, stored only as its SHA-256. Tokens of one login form a family: each use
 * retires the token and issues its successor; presenting a retired one revokes the family.
 */
@Entity('refresh_sessions')
@Index(['familyId'])
@Index(['userId'])
export class RefreshSession extends CreatedEntity {
  @OrganizationColumn()
  organizationId: string;

  @ReferenceColumn(() => User, 'user')
  userId: string;

  @Column({ type: 'uuid' })
  familyId: string;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;
}
