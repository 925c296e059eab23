import { ApiProperty } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { atLeast } from '../access/roles';
import { ApiInteger, ApiNullableEnum, ApiText, ApiTimestamp, ApiUuid } from '../core/http/api-properties';
import {
  AGENT_MODEL_MAX,
  AGENT_NAME_MAX,
  MAX_ANSWER_TOKENS,
  MAX_PASSAGES,
  MAX_SYSTEM_PROMPT,
} from './dto/agent-fields';
import { ASSISTANT_PROVIDERS, type AssistantProvider } from '../core/config/app-config';
import type { Agent } from './agent.entity';

export class AgentView {
  @ApiUuid() id: string;
  @ApiText(AGENT_NAME_MAX, { example: 'Billing helper' }) name: string;
  @ApiText(MAX_SYSTEM_PROMPT, {
    required: false,
    description: 'Shown to admins and owners only: it is configuration, not content',
  })
  systemPrompt?: string;
  @ApiNullableEnum(ASSISTANT_PROVIDERS) provider: AssistantProvider | null;
  @ApiText(AGENT_MODEL_MAX, { nullable: true, example: 'claude-sonnet-4-6' }) model: string | null;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.2 }) temperature: number;
  @ApiInteger(1, MAX_ANSWER_TOKENS, { example: 1024 }) maxAnswerTokens: number;
  @ApiInteger(1, MAX_PASSAGES, { example: 5 }) passageCount: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** Members use agents; only those who may configure them read their system prompt. */
export const toAgentView = (agent: Agent, viewer: Actor): AgentView => ({
  id: agent.id,
  name: agent.name,
  ...(atLeast(viewer.role, 'admin') ? { systemPrompt: agent.systemPrompt } : {}),
  provider: agent.provider,
  model: agent.model,
  temperature: agent.temperature,
  maxAnswerTokens: agent.maxAnswerTokens,
  passageCount: agent.passageCount,
  createdAt: agent.createdAt.toISOString(),
  updatedAt: agent.updatedAt.toISOString(),
});
