import { ApiClient, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { eventually } from './support/eventually';
import { anthropicAt, FakeModelServer } from './support/fake-model-server';
import { passage, PassageFixture, withPassages } from './support/passage-fixture';
import { openStream, streamAll, type ReceivedEvent } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';

interface StoredMessage {
  role: string;
  content: string;
  finish_reason: string | null;
  citations: Array<{ number: number; chunkId: string }>;
  input_tokens: number | null;
}

const messagesOf = (conversationId: string) =>
  sql<StoredMessage>(
    'SELECT role, content, finish_reason, citations, input_tokens FROM messages WHERE conversation_id = $1 ORDER BY created_at, id',
    [conversationId],
  );

const names = (events: ReceivedEvent[]) => events.map((e) => e.event);
const answerText = (events: ReceivedEvent[]) =>
  events
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text)
    .join('');

/** The real Anthropic and OpenAI SDK code paths, against a local server speaking their streaming wire formats. */
describe('assistant with model providers', () => {
  let t: TestApp;
  let api: ApiClient;
  let upstream: FakeModelServer;
  const fixture = new PassageFixture();

  beforeAll(async () => {
    upstream = await new FakeModelServer().start();
    t = await startTestApp(
      {
        ...anthropicAt(upstream),
        ANTHROPIC_MODEL: 'claude-test',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        OPENAI_API_KEY: 'test-openai-key',
        // Long enough for a held stream to outlast the other requests of a test on a busy machine.
        ASSISTANT_PROVIDER_TIMEOUT_MS: '4000',
        ASSISTANT_HEARTBEAT_MS: '100',
        // Every test signs up its own organization, so one stream each is plenty.
        ASSISTANT_MAX_CONCURRENT_STREAMS: '1',
      },
      withPassages(fixture),
    );
    api = new ApiClient(t.url);
  });
  afterAll(async () => {
    await t.close();
    await upstream.stop();
  });

  /** A new organization whose knowledge base holds one passage about refunds. */
  async function organization(): Promise<Session> {
    const owner = await signUp(api);
    fixture.set(owner.organizationId, [passage({ documentTitle: 'Refund policy', text: 'Refunds take five days.' })]);
    return owner;
  }

  describe('anthropic', () => {
    it('streams conversation, sources, deltas and done, and records the answer with its citations', async () => {
      const owner = await organization();
      const { status, headers, received } = await streamAll(t.url, owner.accessToken, {
        message: 'How long do refunds take?',
      });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(headers.get('x-accel-buffering')).toBe('no');
      expect(headers.get('x-request-id')).toBeTruthy();
      expect(names(received)).toEqual(['conversation', 'sources', 'delta', 'delta', 'done']);
      const conversationId = received[0].data.conversationId as string;
      expect(received[1].data.sources).toEqual([
        expect.objectContaining({ documentTitle: 'Refund policy', headingPath: ['Guide'], score: 1 }),
      ]);
      expect(answerText(received)).toBe('Refunds take 5 days [1].');
      expect(received[4].data).toEqual({
        messageId: expect.any(String),
        finishReason: 'stop',
        usage: { inputTokens: 42, outputTokens: 7 },
      });

      const request = upstream.last();
      expect(request.headers.authorization).toBe('Bearer test-anthropic-key');
      expect(request.body).toMatchObject({ model: 'claude-test', max_tokens: 1024, stream: true });
      // Document text is quoted data in the user turn, never part of the system prompt.
      expect(request.body.system).not.toContain('Refunds take five days.');
      expect(request.body.system).toMatch(/untrusted content/);
      const messages = request.body.messages as Array<{ role: string; content: string }>;
      expect(messages).toHaveLength(1);
      expect(messages[0].role).toBe('user');
      expect(messages[0].content).toContain('<passage number="1">\n[1] Refund policy — Guide\nRefunds take five days.');
      expect(messages[0].content.endsWith('Question: How long do refunds take?')).toBe(true);

      const stored = await messagesOf(conversationId);
      expect(stored.map((m) => [m.role, m.content, m.finish_reason])).toEqual([
        ['user', 'How long do refunds take?', null],
        ['assistant', 'Refunds take 5 days [1].', 'stop'],
      ]);
      expect(stored[1].citations).toEqual([expect.objectContaining({ number: 1, documentTitle: 'Refund policy' })]);
      expect(stored[1].input_tokens).toBe(42);
    });

    it('sends the earlier exchange of the conversation with the next question', async () => {
      const owner = await organization();
      const first = await streamAll(t.url, owner.accessToken, { message: 'First question' });
      const conversationId = first.received[0].data.conversationId as string;
      const second = await streamAll(t.url, owner.accessToken, { message: 'Follow-up', conversationId });
      expect(second.received[0].data.conversationId).toBe(conversationId);
      expect(upstream.last().body.messages).toEqual([
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'Refunds take 5 days [1].' },
        { role: 'user', content: expect.stringMatching(/^<passages>[\s\S]*\n\nQuestion: Follow-up$/) },
      ]);
    });

    it('turns an error in the middle of the stream into an error event with a stable code, and records the partial answer', async () => {
      const owner = await organization();
      upstream.enqueue({
        steps: [
          { text: 'Partial ' },
          { error: { type: 'overloaded_error', message: 'Overloaded; internal host 10.1.2.3' } },
        ],
      });
      const { status, received } = await streamAll(t.url, owner.accessToken, { message: 'Will this fail?' });
      expect(status).toBe(200);
      expect(names(received)).toEqual(['conversation', 'sources', 'delta', 'error']);
      expect(received[3].data).toEqual({
        code: 'provider_overloaded',
        message: 'The model provider is overloaded; try again shortly',
        requestId: expect.any(String),
      });
      expect(JSON.stringify(received)).not.toContain('10.1.2.3');
      const stored = await messagesOf(received[0].data.conversationId as string);
      expect(stored[1]).toMatchObject({ role: 'assistant', content: 'Partial ', finish_reason: 'error' });
    });

    it('reports a refused key as provider_auth_failed, without the provider message', async () => {
      const owner = await organization();
      upstream.enqueue({ status: 401, error: { type: 'authentication_error', message: 'invalid x-api-key sk-leak' } });
      const { received } = await streamAll(t.url, owner.accessToken, { message: 'Hello?' });
      expect(names(received)).toEqual(['conversation', 'sources', 'error']);
      expect(received[2].data.code).toBe('provider_auth_failed');
      expect(JSON.stringify(received)).not.toContain('sk-leak');
    });

    it('reports an upstream rate limit as provider_rate_limited', async () => {
      const owner = await organization();
      upstream.enqueue({ status: 429, error: { type: 'rate_limit_error', message: 'slow down' } });
      const { received } = await streamAll(t.url, owner.accessToken, { message: 'Hello?' });
      expect(received.at(-1)).toMatchObject({ event: 'error', data: { code: 'provider_rate_limited' } });
    });

    it('relays each delta as soon as the upstream sends it, with heartbeats while it is quiet', async () => {
      const owner = await organization();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      upstream.enqueue({ steps: [{ text: 'first' }, { wait: gate }, { text: ' second' }] });
      const stream = await openStream(t.url, owner.accessToken, { message: 'Slowly, please' });
      const seen: ReceivedEvent[] = [];
      for await (const event of stream.events) {
        seen.push(event);
        if (event.event === 'delta' && event.data.text === 'first') {
          // The upstream has not sent the second delta yet: the first reached us on its own.
          expect(upstream.last().emittedAt).toHaveLength(1);
          await new Promise((resolve) => setTimeout(resolve, 350));
          release();
        }
      }
      expect(answerText(seen)).toBe('first second');
      expect(names(seen).at(-1)).toBe('done');
      expect(stream.comments.filter((comment) => comment.trim() === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    });

    it('gives up on an upstream that goes silent: provider_timeout, upstream aborted, partial answer recorded', async () => {
      const owner = await organization();
      upstream.enqueue({ steps: [{ text: 'half an answer' }, { stall: true }] });
      const { received } = await streamAll(t.url, owner.accessToken, { message: 'Anyone there?' });
      expect(names(received)).toEqual(['conversation', 'sources', 'delta', 'error']);
      expect(received[3].data.code).toBe('provider_timeout');
      await upstream.last().closed;
      expect(upstream.last().aborted).toBe(true);
      const stored = await messagesOf(received[0].data.conversationId as string);
      expect(stored[1]).toMatchObject({ content: 'half an answer', finish_reason: 'error' });
    });

    it('aborts the upstream request when the client disconnects, and records the partial answer as aborted', async () => {
      const owner = await organization();
      upstream.enqueue({ steps: [{ text: 'You will not' }, { stall: true }] });
      const stream = await openStream(t.url, owner.accessToken, { message: 'I will leave early' });
      let conversationId = '';
      for await (const event of stream.events) {
        if (event.event === 'conversation') conversationId = event.data.conversationId as string;
        if (event.event === 'delta') break;
      }
      stream.abort();
      await upstream.last().closed;
      expect(upstream.last().aborted).toBe(true);
      const stored = await eventually(
        () => messagesOf(conversationId),
        (rows) => rows.length === 2,
      );
      expect(stored[1]).toMatchObject({ role: 'assistant', content: 'You will not', finish_reason: 'aborted' });
      // The slot is free again: the organization can ask at once.
      const next = await eventually(
        () => streamAll(t.url, owner.accessToken, { message: 'Back again' }),
        (r) => r.status === 200,
      );
      expect(names(next.received).at(-1)).toBe('done');
    });
  });

  describe('openai-compatible', () => {
    it('streams an agent that uses the openai provider, with its model, and reports usage', async () => {
      const owner = await organization();
      const agent = await api.post<{ data: { id: string } }>('/v1/agents', {
        token: owner.accessToken,
        body: {
          name: 'Local model',
          provider: 'openai',
          model: 'llama-test',
          systemPrompt: 'Be brief.',
          temperature: 0.5,
        },
      });
      expect(agent.status).toBe(201);
      const { received } = await streamAll(t.url, owner.accessToken, {
        message: 'Refunds?',
        agentId: agent.body.data.id,
      });
      expect(names(received)).toEqual(['conversation', 'sources', 'delta', 'delta', 'done']);
      expect(received[4].data).toMatchObject({ finishReason: 'stop', usage: { inputTokens: 42, outputTokens: 7 } });
      const request = upstream.last();
      expect(request.path).toBe('/v1/chat/completions');
      expect(request.headers.authorization).toBe('Bearer test-openai-key');
      expect(request.body).toMatchObject({
        model: 'llama-test',
        temperature: 0.5,
        stream: true,
        stream_options: { include_usage: true },
      });
      const messages = request.body.messages as Array<{ role: string; content: string }>;
      expect(messages[0].role).toBe('system');
      expect(messages[0].content.startsWith('Be brief.')).toBe(true);
      expect(messages.at(-1)).toMatchObject({
        role: 'user',
        content: expect.stringMatching(/^<passages>[\s\S]*Question: Refunds\?$/),
      });
    });

    it('turns an error chunk in the middle of the stream into an error event, and a cut answer into length', async () => {
      const owner = await organization();
      const agent = await api.post<{ data: { id: string } }>('/v1/agents', {
        token: owner.accessToken,
        body: { name: 'Local', provider: 'openai' },
      });
      upstream.enqueue({ steps: [{ text: 'Part' }, { error: { type: 'server_error', message: 'GPU 3 on fire' } }] });
      const failed = await streamAll(t.url, owner.accessToken, { message: 'q', agentId: agent.body.data.id });
      expect(failed.received.at(-1)).toMatchObject({ event: 'error', data: { code: 'provider_error' } });
      expect(JSON.stringify(failed.received)).not.toContain('GPU 3');

      upstream.enqueue({ steps: [{ text: 'Cut' }], finish: 'length' });
      const cut = await streamAll(t.url, owner.accessToken, { message: 'q', agentId: agent.body.data.id });
      expect(cut.received.at(-1)).toMatchObject({ event: 'done', data: { finishReason: 'length' } });
    });
  });

  describe('concurrent streams per organization', () => {
    it('refuses one stream too many with 429 and stores nothing for it; other organizations are not affected', async () => {
      const owner = await organization();
      const other = await organization();
      let release: () => void = () => undefined;
      upstream.enqueue({ steps: [{ text: 'holding' }, { wait: new Promise<void>((resolve) => (release = resolve)) }] });
      const holding = await openStream(t.url, owner.accessToken, { message: 'long one' });
      const first = await holding.events.next();
      expect(first.value).toMatchObject({ event: 'conversation' });

      const refused = await openStream(t.url, owner.accessToken, { message: 'one too many' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });
      const questions = await sql('SELECT 1 FROM messages WHERE organization_id = $1 AND content = $2', [
        owner.organizationId,
        'one too many',
      ]);
      expect(questions).toEqual([]);

      expect((await streamAll(t.url, other.accessToken, { message: 'me too' })).status).toBe(200);
      release();
      const rest: ReceivedEvent[] = [];
      for await (const event of holding.events) rest.push(event);
      expect(names(rest).at(-1)).toBe('done');
    });
  });
});
