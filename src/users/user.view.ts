import { ApiProperty } from '@nestjs/swagger';
import { ApiEmail, ApiStringList, ApiText, ApiTimestamp, ApiUuid } from '../core/http/api-properties';
import { DISPLAY_NAME_MAX } from '../core/http/display-name';
import { USER_ROLES, type UserRole } from '../access/roles';
import { USER_STATUSES, type User, type UserStatus } from './user.entity';

export class UserView {
  @ApiUuid() id: string;
  @ApiUuid() organizationId: string;
  @ApiEmail() email: string;
  @ApiText(DISPLAY_NAME_MAX, { example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ enum: USER_STATUSES }) status: UserStatus;
  @ApiTimestamp({ nullable: true }) lastLoginAt: string | null;
  @ApiProperty() twoFactorEnabled: boolean;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** A bound for the document only: far above the keys and invitations one person grants. */
const MAX_REVOKED_LISTED = 100_000;

export class RevokedGrantsView {
  @ApiStringList(MAX_REVOKED_LISTED, 36, { description: 'API keys revoked because their grantor lost the authority' })
  apiKeyIds: string[];

  @ApiStringList(MAX_REVOKED_LISTED, 36, { description: 'Pending invitations withdrawn for the same reason' })
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
