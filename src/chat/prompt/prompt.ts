import type { Passage } from '../../knowledge/passage-retriever';

export interface PromptTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** What a model provider sends: one system text, then alternating turns ending with the question. */
export interface Prompt {
  system: string;
  turns: PromptTurn[];
}

/** Everything a provider needs to answer one question. */
export interface AnswerRequest {
  prompt: Prompt;
  question: string;
  /** Numbered from 1 in this order, as in the prompt. */
  passages: Passage[];
  model: string;
  temperature: number;
  maxTokens: number;
}
