import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, MinDate } from 'class-validator';
import { DELEGABLE_ROLES, type DelegableRole } from '../../access/roles';
import { TrimmedText } from '../../core/http/display-name';

export const API_KEY_NAME_MAX = 100;

export class CreateApiKeyDto {
  @TrimmedText(API_KEY_NAME_MAX, 'Zendesk sync')
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
