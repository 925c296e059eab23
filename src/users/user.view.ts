import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserRole } from '../auth/roles';
import { USER_STATUSES, type User, type UserStatus } from './user.entity';

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ enum: USER_STATUSES }) status: UserStatus;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty() twoFactorEnabled: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RevokedGrantsView {
  @ApiProperty({ type: [String], description: 'API keys revoked because their grantor lost the authority' })
  apiKeyIds: string[];

  @ApiProperty({ type: [String], description: 'Pending invitations withdrawn for the same reason' })
  invitationIds: string[];
}

/** A user after a change: a demotion also revokes the keys and invitations granted above the new role. */
export class UpdatedUserView extends UserView {
  @ApiProperty({ type: RevokedGrantsView }) revoked: RevokedGrantsView;
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  organizationId: user.organizationId,
  email: user.email,
  name: user.name,
  role: user.role,
  status: user.status,
  lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  twoFactorEnabled: user.twoFactorEnabledAt !== null && user.twoFactorEnabledAt !== undefined,
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});
