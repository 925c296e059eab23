import { Entity, Index } from 'typeorm';
import { HashColumn, TimestampColumn, UuidColumn } from '../core/database/column-kinds';
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
  @OrganizationColumn() organizationId: string;

  @ReferenceColumn(() => User, 'user') userId: string;

  @UuidColumn() familyId: string;

  @Index({ unique: true })
  @HashColumn()
  tokenHash: string;

  @TimestampColumn() expiresAt: Date;

  @TimestampColumn({ nullable: true }) revokedAt: Date | null;

  @UuidColumn({ nullable: true }) replacedById: string | null;
}
