import { ApiProperty } from '@nestjs/swagger';
import { ApiEmail, ApiText, ApiTimestamp, ApiUuid } from '../core/http/api-properties';
import { DISPLAY_NAME_MAX } from '../auth/dto/credentials.dto';
import { USER_ROLES, type UserRole } from '../auth/roles';
import { USER_STATUSES, type User, type UserStatus } from './user.entity';

export class UserView {
  @ApiUuid() id: string;
  @ApiUuid() organizationId: string;
  @ApiEmail() email: string;
  @ApiText(DISPLAY_NAME_MAX, { example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ enum: USER_STATUSES }) status: UserStatus;
  @ApiTimestamp({ nullable: true }) lastLoginAt: string | null;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  organizationId: user.organizationId,
  email: user.email,
  name: user.name,
  role: user.role,
  status: user.status,
  lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});
