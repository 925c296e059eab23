import type { DeltaEvent } from './chat-event';
import type { FinishReason, TokenUsage } from './message.entity';
import type { AnswerRequest } from './prompt/prompt';
import type { AnswerProvider } from './providers/answer-provider';
import { ProviderFailure } from './providers/provider-failure';

/** How an answer ended, with all of its text, even when it was cut short. */
export interface RelayOutcome {
  text: string;
  finishReason: FinishReason;
  usage: TokenUsage | null;
  failure: ProviderFailure | null;
}

/**
 * Relays a provider's text as delta events and returns how the answer ended. `signal` (the
 * client leaving) aborts the upstream request at once: `aborted`. A provider silent for longer
 * than `idleMs` is aborted too: `error` with provider_timeout. The wait for the client to take
 * a delta is not counted as silence.
 */
export async function* relayAnswer(
  provider: AnswerProvider,
  request: AnswerRequest,
  signal: AbortSignal,
  idleMs: number,
): AsyncGenerator<DeltaEvent, RelayOutcome> {
  const upstream = new AbortController();
  const abortUpstream = (): void => upstream.abort();
  signal.addEventListener('abort', abortUpstream, { once: true });
  if (signal.aborted) upstream.abort();
  let timedOut = false;
  let idle: NodeJS.Timeout | undefined;
  const watch = (): void => {
    idle = setTimeout(() => {
      timedOut = true;
      upstream.abort();
    }, idleMs);
  };

  let text = '';
  let ending: { finishReason: 'stop' | 'length'; usage: TokenUsage | null } = { finishReason: 'stop', usage: null };
  let failure: ProviderFailure | null = null;
  try {
    watch();
    for await (const part of provider.stream(request, upstream.signal)) {
      clearTimeout(idle);
      if (part.type === 'text') {
        text += part.text;
        yield { event: 'delta', data: { text: part.text } };
      } else {
        ending = { finishReason: part.finishReason, usage: part.usage };
      }
      watch();
    }
  } catch (error) {
    failure = error instanceof ProviderFailure ? error : new ProviderFailure('provider_error', { cause: error });
  } finally {
    clearTimeout(idle);
    signal.removeEventListener('abort', abortUpstream);
  }
  if (timedOut) failure = new ProviderFailure('provider_timeout');
  if (failure) return { text, finishReason: 'error', usage: null, failure };
  if (signal.aborted) return { text, finishReason: 'aborted', usage: null, failure: null };
  return { text, ...ending, failure: null };
}
