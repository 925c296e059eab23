import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DISPLAY_NAME_MAX, TrimmedText } from '../../core/http/display-name';
import { USER_ROLES, type UserRole } from '../../access/roles';
import { IfPresent } from '../../core/http/optional';
import { ASSIGNABLE_USER_STATUSES, type UserStatus } from '../user.entity';

export class UpdateUserDto {
  @IfPresent()
  @TrimmedText(DISPLAY_NAME_MAX, 'Ada Lovelace', false)
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IfPresent()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: ASSIGNABLE_USER_STATUSES })
  @IfPresent()
  @IsIn(ASSIGNABLE_USER_STATUSES)
  status?: UserStatus;
}
