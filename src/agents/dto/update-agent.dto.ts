import { IfPresent, NullableIfPresent } from '../../core/http/optional';
import type { AssistantProvider } from '../../core/config/app-config';
import { AgentField } from './agent-fields';

/** Fields left out stay as they are; null provider or model goes back to the configured default. */
export class UpdateAgentDto {
  @IfPresent() @AgentField.name(false) name?: string;
  @IfPresent() @AgentField.systemPrompt() systemPrompt?: string;
  @NullableIfPresent() @AgentField.provider() provider?: AssistantProvider | null;
  @NullableIfPresent() @AgentField.model() model?: string | null;
  @IfPresent() @AgentField.temperature() temperature?: number;
  @IfPresent() @AgentField.maxAnswerTokens() maxAnswerTokens?: number;
  @IfPresent() @AgentField.passageCount() passageCount?: number;
}
