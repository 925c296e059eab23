import type { Agent } from './agent.entity';

/** What shapes an answer: everything of an agent but its identity and bookkeeping. */
export type AgentSettings = Pick<
  Agent,
  'name' | 'systemPrompt' | 'provider' | 'model' | 'temperature' | 'maxAnswerTokens' | 'passageCount'
>;

/** The agent that answers a question: one of the organization's (`id`), or the built-in default (`id` null). */
export type AnsweringAgent = AgentSettings & { id: string | null };

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
