import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { TrimmedText } from '../../core/http/display-name';

export const MAX_QUESTION_LENGTH = 4_000;

export class ChatRequestDto {
  @TrimmedText(MAX_QUESTION_LENGTH, 'How do I reset my password?')
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
