import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, Length, MinDate } from 'class-validator';
import { DELEGABLE_ROLES, type DelegableRole } from '../../auth/roles';
import { Trim } from '../../core/http/trim';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Zendesk sync', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: DELEGABLE_ROLES })
  @IsIn(DELEGABLE_ROLES)
  role: DelegableRole;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the key stops working' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}
