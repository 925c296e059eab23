import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '../../core/http/trim';

export const MAX_QUESTION_LENGTH = 4_000;

export class ChatRequestDto {
  @ApiProperty({ example: 'How do I reset my password?', minLength: 1, maxLength: MAX_QUESTION_LENGTH })
  @Trim()
  @IsString()
  @Length(1, MAX_QUESTION_LENGTH)
  message: string;

  @ApiPropertyOptional({
    format: 'uuid',
    maxLength: 36,
    description: 'Continue this conversation; omit to start a new one',
  })
  @IsOptional()
  @IsUUID()
  conversationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    maxLength: 36,
    description: "Who answers a new conversation; default: the organization's first agent",
  })
  @IsOptional()
  @IsUUID()
  agentId?: string;
}
