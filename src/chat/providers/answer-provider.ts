import type { TokenUsage } from '../message.entity';
import type { AnswerRequest } from '../prompt/prompt';

/** A piece of a streamed answer: text as it comes, then how it ended. */
export type AnswerPart =
  { type: 'text'; text: string } | { type: 'finish'; finishReason: 'stop' | 'length'; usage: TokenUsage | null };

/**
 * A source of answers. `stream` yields text parts then one finish part; when `signal` aborts it
 * stops at once and ends quietly (no finish part); any other failure is a ProviderFailure.
 */
export interface AnswerProvider {
  stream(request: AnswerRequest, signal: AbortSignal): AsyncIterable<AnswerPart>;
}
