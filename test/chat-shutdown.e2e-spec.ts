import { ShutdownState } from '../src/core/lifecycle/shutdown-state';
import { ApiClient, signUp } from './support/api-client';
import { sql } from './support/database';
import { anthropicAt, FakeModelServer } from './support/fake-model-server';
import { passage, PassageFixture, withPassages } from './support/passage-fixture';
import { openStream, type ReceivedEvent } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';

/** An answer still streaming when the process drains for shutdown (an app of its own: drain is final). */
describe('assistant stream during shutdown', () => {
  let t: TestApp;
  let upstream: FakeModelServer;
  const fixture = new PassageFixture();

  beforeAll(async () => {
    upstream = await new FakeModelServer().start();
    t = await startTestApp(anthropicAt(upstream), withPassages(fixture));
  });
  afterAll(async () => {
    await t.close();
    await upstream.stop();
  });

  it('ends with a service_unavailable event, aborts the upstream and records the partial answer', async () => {
    const owner = await signUp(new ApiClient(t.url));
    fixture.set(owner.organizationId, [passage({ text: 'Refunds take five days.' })]);
    upstream.enqueue({ steps: [{ text: 'Refunds take' }, { stall: true }] });

    const stream = await openStream(t.url, owner.accessToken, { message: 'How long do refunds take?' });
    const received: ReceivedEvent[] = [];
    for await (const event of stream.events) {
      received.push(event);
      if (event.event === 'delta') t.app.get(ShutdownState).drain();
    }

    expect(received.map((e) => e.event)).toEqual(['conversation', 'sources', 'delta', 'error']);
    expect(received[3].data).toEqual({
      code: 'service_unavailable',
      message: expect.any(String),
      requestId: stream.headers.get('x-request-id'),
    });
    await upstream.last().closed;
    expect(upstream.last().aborted).toBe(true);

    const conversationId = received[0].data.conversationId as string;
    let stored: Array<{ content: string; finish_reason: string }> = [];
    for (let i = 0; i < 50 && stored.length === 0; i += 1) {
      stored = await sql(
        `SELECT content, finish_reason FROM messages WHERE conversation_id = $1 AND role = 'assistant'`,
        [conversationId],
      );
      if (stored.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stored).toEqual([{ content: 'Refunds take', finish_reason: 'aborted' }]);
  });
});
