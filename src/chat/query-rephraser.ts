import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../core/config/app-config';
import type { ChosenProvider } from './providers/answer-providers';
import { ProviderFailure } from './providers/provider-failure';

/** Search queries asked of the model besides the question itself: each costs a retrieval. */
export const MAX_REPHRASINGS = 2;
/** Longest search query kept from the model's answer, in characters. */
const MAX_QUERY_CHARS = 200;
const MAX_REPHRASE_TOKENS = 120;

export const REPHRASE_INSTRUCTIONS =
  `Rewrite the user's question as at most ${MAX_REPHRASINGS} short search queries for a help-center search, ` +
  'using other words of the same meaning (synonyms, the names of features or settings). ' +
  'Answer with one query per line and nothing else; do not answer the question.';

/** The model's answer as search queries: one a line, list marks and quotes dropped, the question itself left out. */
export function searchQueriesOf(answer: string, question: string): string[] {
  const seen = new Set([question.trim().toLowerCase()]);
  const queries: string[] = [];
  for (const line of answer.split('\n')) {
    const query = line
      .replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '')
      .replace(/^["'“”]+|["'“”]+$/g, '')
      .trim()
      .slice(0, MAX_QUERY_CHARS);
    if (query === '' || seen.has(query.toLowerCase())) continue;
    seen.add(query.toLowerCase());
    queries.push(query);
    if (queries.length === MAX_REPHRASINGS) break;
  }
  return queries;
}

/**
 * Optionally (ASSISTANT_QUERY_REPHRASING) asks the answering model for other wordings of the
 * question before retrieval, so a question phrased unlike the documents still finds them. Off
 * without a model (extractive) and by default: see the README for what it measured. Never fails
 * an answer: a slow or failing model means the question is searched alone.
 */
@Injectable()
export class QueryRephraser {
  constructor(
    private readonly config: AppConfig,
    @InjectPinoLogger('chat') private readonly logger: PinoLogger,
  ) {}

  async rephrase(chosen: ChosenProvider, question: string, signal: AbortSignal): Promise<string[]> {
    if (!this.config.ASSISTANT_QUERY_REPHRASING || chosen.name === 'extractive') return [];
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.config.ASSISTANT_REPHRASE_TIMEOUT_MS)]);
    let answer = '';
    try {
      const parts = chosen.provider.stream(
        {
          prompt: { system: REPHRASE_INSTRUCTIONS, turns: [{ role: 'user', content: question }] },
          question,
          passages: [],
          model: chosen.model,
          temperature: 0,
          maxTokens: MAX_REPHRASE_TOKENS,
        },
        deadline,
      );
      for await (const part of parts) if (part.type === 'text') answer += part.text;
    } catch (error) {
      const failure = error instanceof ProviderFailure ? error.code : 'provider_error';
      this.logger.warn({ provider: chosen.name, failure }, 'chat.rephrase_failed');
      return [];
    }
    // A deadline that ended the stream leaves a partial answer: the question alone is safer.
    if (deadline.aborted) {
      if (!signal.aborted) this.logger.warn({ provider: chosen.name }, 'chat.rephrase_timed_out');
      return [];
    }
    return searchQueriesOf(answer, question);
  }
}
