import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { atLeast } from '../auth/roles';
import { ASSISTANT_PROVIDERS, type AssistantProvider } from '../core/config/app-config';
import type { Agent } from './agent.entity';

export class AgentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ description: 'Shown to admins and owners only: it is configuration, not content' })
  systemPrompt?: string;
  @ApiProperty({ enum: ASSISTANT_PROVIDERS, nullable: true }) provider: AssistantProvider | null;
  @ApiProperty({ nullable: true, type: String }) model: string | null;
  @ApiProperty({ example: 0.2 }) temperature: number;
  @ApiProperty({ example: 1024 }) maxAnswerTokens: number;
  @ApiProperty({ example: 5 }) passageCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
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
