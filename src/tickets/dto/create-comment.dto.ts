import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { TrimmedText } from '../../core/http/display-name';

export const COMMENT_MAX = 20_000;

export class CreateCommentDto {
  @TrimmedText(COMMENT_MAX, 'I have reset the password; please try again.')
  body: string;

  @ApiPropertyOptional({ default: false, description: 'Visible to the team only' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}
