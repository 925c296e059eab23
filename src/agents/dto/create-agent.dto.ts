import { IsOptional } from 'class-validator';
import { NullableIfPresent } from '../../core/http/optional';
import type { AssistantProvider } from '../../core/config/app-config';
import { AgentField } from './agent-fields';

export class CreateAgentDto {
  @AgentField.name(true) name: string;
  @IsOptional() @AgentField.systemPrompt() systemPrompt?: string;
  @NullableIfPresent() @AgentField.provider() provider?: AssistantProvider | null;
  @NullableIfPresent() @AgentField.model() model?: string | null;
  @IsOptional() @AgentField.temperature() temperature?: number;
  @IsOptional() @AgentField.maxAnswerTokens() maxAnswerTokens?: number;
  @IsOptional() @AgentField.passageCount() passageCount?: number;
}
