import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { Trim } from '../../core/http/trim';

export class CreateCommentDto {
  @ApiProperty({ example: 'I have reset the password; please try again.', minLength: 1, maxLength: 20_000 })
  @Trim()
  @IsString()
  @Length(1, 20_000)
  body: string;

  @ApiPropertyOptional({ default: false, description: 'Visible to the team only' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}
