import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ASSISTANT_PROVIDERS } from '../../core/config/app-config';
import { ApiNullableEnum } from '../../core/http/api-properties';
import { TrimmedText } from '../../core/http/display-name';
import { Trim } from '../../core/http/trim';

export const MAX_SYSTEM_PROMPT = 20_000;
export const MAX_ANSWER_TOKENS = 8_192;
export const MAX_PASSAGES = 20;
export const AGENT_NAME_MAX = 100;
export const AGENT_MODEL_MAX = 100;

/** The rules of each agent field, shared by the create and update bodies. */
export const AgentField = {
  name: (required: boolean) => TrimmedText(AGENT_NAME_MAX, 'Billing helper', required),
  systemPrompt: () =>
    applyDecorators(
      ApiPropertyOptional({
        example: 'You answer billing questions for Acme customers.',
        maxLength: MAX_SYSTEM_PROMPT,
      }),
      IsString(),
      MaxLength(MAX_SYSTEM_PROMPT),
    ),
  provider: () =>
    applyDecorators(
      ApiNullableEnum(ASSISTANT_PROVIDERS, {
        required: false,
        description: 'Null: the provider the server is configured with',
      }),
      IsIn(ASSISTANT_PROVIDERS),
    ),
  model: () =>
    applyDecorators(
      ApiPropertyOptional({ example: 'claude-sonnet-4-6', nullable: true, type: String, maxLength: AGENT_MODEL_MAX }),
      Trim(),
      IsString(),
      Length(1, AGENT_MODEL_MAX),
    ),
  temperature: () =>
    applyDecorators(
      ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.2, description: 'Used by OpenAI-compatible models' }),
      IsNumber(),
      Min(0),
      Max(1),
    ),
  maxAnswerTokens: () =>
    applyDecorators(
      ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_ANSWER_TOKENS, default: 1024 }),
      IsInt(),
      Min(1),
      Max(MAX_ANSWER_TOKENS),
    ),
  passageCount: () =>
    applyDecorators(
      ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PASSAGES, default: 5 }),
      IsInt(),
      Min(1),
      Max(MAX_PASSAGES),
    ),
};
