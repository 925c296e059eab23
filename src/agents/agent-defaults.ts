import type { Agent } from './agent.entity';

type AgentSettings = Pick<
  Agent,
  'name' | 'systemPrompt' | 'provider' | 'model' | 'temperature' | 'maxAnswerTokens' | 'passageCount'
>;

/** What an agent left unset gets, and what answers an organization that has no agent yet. */
export const DEFAULT_AGENT: Readonly<AgentSettings> = Object.freeze({
  name: 'Assistant',
  systemPrompt: "You are the support team's assistant. Answer clearly and briefly.",
  provider: null,
  model: null,
  temperature: 0.2,
  maxAnswerTokens: 1024,
  passageCount: 5,
});
