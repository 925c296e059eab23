import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, Length, MinDate } from 'class-validator';
import { DELEGABLE_ROLES, type DelegableRole } from '../../access/roles';
import { Trim } from '../../core/http/trim';

export const API_KEY_NAME_MAX = 100;

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Zendesk sync', minLength: 1, maxLength: API_KEY_NAME_MAX })
  @Trim()
  @IsString()
  @Length(1, API_KEY_NAME_MAX)
  name: string;

  @ApiProperty({ enum: DELEGABLE_ROLES })
  @IsIn(DELEGABLE_ROLES)
  role: DelegableRole;

  @ApiPropertyOptional({ type: String, format: 'date-time', maxLength: 30, description: 'When the key stops working' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}
