import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DisplayName } from '../../auth/dto/credentials.dto';
import { USER_ROLES, type UserRole } from '../../auth/roles';
import { USER_STATUSES, type UserStatus } from '../user.entity';

export class UpdateUserDto {
  @IsOptional()
  @DisplayName('Ada Lovelace')
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;
}
