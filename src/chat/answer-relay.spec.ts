import { relayAnswer, type RelayOutcome } from './answer-relay';
import type { DeltaEvent } from './chat-event';
import type { AnswerRequest } from './prompt/prompt';
import type { AnswerPart, AnswerProvider } from './providers/answer-provider';
import { ProviderFailure } from './providers/provider-failure';

const request = {} as AnswerRequest;

/** A provider that yields `parts`, then waits for abort when `hang` is set; it records the signal it got. */
function provider(parts: AnswerPart[], options: { hang?: boolean; fail?: ProviderFailure } = {}) {
  const seen: { signal?: AbortSignal } = {};
  const instance: AnswerProvider = {
    async *stream(_request, signal) {
      seen.signal = signal;
      for (const part of parts) yield part;
      if (options.fail) throw options.fail;
      if (options.hang && !signal.aborted) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      }
    },
  };
  return { instance, seen };
}

async function drain(
  relay: AsyncGenerator<DeltaEvent, RelayOutcome>,
  onDelta: (text: string) => void = () => undefined,
): Promise<RelayOutcome> {
  for (;;) {
    const step = await relay.next();
    if (step.done) return step.value;
    onDelta(step.value.data.text);
  }
}

describe('relayAnswer', () => {
  it('relays text and returns the provider ending with the whole text', async () => {
    const { instance } = provider([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'finish', finishReason: 'length', usage: { inputTokens: 3, outputTokens: 2 } },
    ]);
    const deltas: string[] = [];
    const outcome = await drain(relayAnswer(instance, request, new AbortController().signal, 1000), (t) =>
      deltas.push(t),
    );
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(outcome).toEqual({
      text: 'Hello',
      finishReason: 'length',
      usage: { inputTokens: 3, outputTokens: 2 },
      failure: null,
    });
  });

  it('aborts the upstream when the client leaves and keeps the partial text as aborted', async () => {
    const { instance, seen } = provider([{ type: 'text', text: 'partial' }], { hang: true });
    const client = new AbortController();
    const outcome = await drain(relayAnswer(instance, request, client.signal, 60_000), () => client.abort());
    expect(seen.signal?.aborted).toBe(true);
    expect(outcome).toMatchObject({ text: 'partial', finishReason: 'aborted', failure: null });
  });

  it('aborts a silent upstream after the idle time and reports a timeout', async () => {
    const { instance, seen } = provider([{ type: 'text', text: 'half' }], { hang: true });
    const outcome = await drain(relayAnswer(instance, request, new AbortController().signal, 50));
    expect(seen.signal?.aborted).toBe(true);
    expect(outcome.finishReason).toBe('error');
    expect(outcome.failure?.code).toBe('provider_timeout');
    expect(outcome.text).toBe('half');
  });

  it('reports a provider failure with its code', async () => {
    const { instance } = provider([], { fail: new ProviderFailure('provider_overloaded') });
    const outcome = await drain(relayAnswer(instance, request, new AbortController().signal, 1000));
    expect(outcome).toMatchObject({ finishReason: 'error', text: '' });
    expect(outcome.failure?.code).toBe('provider_overloaded');
  });
});
