import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DisplayName } from '../../core/http/display-name';
import { USER_ROLES, type UserRole } from '../../access/roles';
import { IfPresent } from '../../core/http/optional';
import { ASSIGNABLE_USER_STATUSES, type UserStatus } from '../user.entity';

export class UpdateUserDto {
  // DisplayName documents the field as required; in a PATCH it is not.
  @ApiPropertyOptional({ example: 'Ada Lovelace', minLength: 1, maxLength: 120 })
  @IfPresent()
  @DisplayName('Ada Lovelace')
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
