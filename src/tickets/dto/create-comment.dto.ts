import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { Trim } from '../../core/http/trim';

export const COMMENT_MAX = 20_000;

export class CreateCommentDto {
  @ApiProperty({ example: 'I have reset the password; please try again.', minLength: 1, maxLength: COMMENT_MAX })
  @Trim()
  @IsString()
  @Length(1, COMMENT_MAX)
  body: string;

  @ApiPropertyOptional({ default: false, description: 'Visible to the team only' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}
