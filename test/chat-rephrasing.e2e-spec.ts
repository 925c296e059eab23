import type { INestApplicationContext } from '@nestjs/common';
import { REPHRASE_INSTRUCTIONS } from '../src/chat/query-rephraser';
import { ApiClient, signUp, type Session } from './support/api-client';
import { FakeModelServer } from './support/fake-model-server';
import { type DocumentBody, startInProcessWorker, waitForIndexing } from './support/knowledge-client';
import { streamAll } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testStack } from './support/test-stack';

const FONTS = '# Fonts\n\nReinstall missing fonts from the font manager.';
const QUESTION = 'Why did my lettering vanish?';

/**
 * ASSISTANT_QUERY_REPHRASING on, the OpenAI provider against the local model server: the model's
 * wordings of the question are searched too (a question that shares no word with the document
 * finds it through them), and a failing rephrasing leaves the question searched alone. Its own
 * Redis database keeps its queue apart from the other specs' workers.
 */
describe('assistant rephrasing the question before retrieval', () => {
  let upstream: FakeModelServer;
  let t: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let owner: Session;
  let fonts: DocumentBody;

  beforeAll(async () => {
    upstream = await new FakeModelServer().start();
    const settings = {
      REDIS_URL: `${testStack().redisUrl}/9`,
      ASSISTANT_PROVIDER: 'openai',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      OPENAI_MODEL: 'rephrasing-test',
      ASSISTANT_PROVIDER_MAX_RETRIES: '0',
      ASSISTANT_QUERY_REPHRASING: 'true',
    };
    t = await startTestApp(settings);
    worker = await startInProcessWorker(settings);
    api = new ApiClient(t.url);
    owner = await signUp(api, 'rephrasing');
    const response = await api.post<{ data: DocumentBody }>('/v1/knowledge/documents', {
      token: owner.accessToken,
      body: { title: 'Fonts', content: FONTS, format: 'markdown' },
    });
    fonts = await waitForIndexing(api, owner.accessToken, response.body.data.id);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await upstream?.stop();
  });

  const sourcesOf = (received: Array<{ event: string; data: Record<string, unknown> }>) =>
    (received.find((event) => event.event === 'sources')?.data.sources as Array<{ documentId: string }>).map(
      (source) => source.documentId,
    );

  it('searches the wordings the model gives, and finds what the question alone misses', async () => {
    const asked = upstream.requests.length;
    upstream.enqueue({ steps: [{ text: 'reinstall missing fonts\n' }, { text: '- font manager' }] });
    const { status, received } = await streamAll(t.url, owner.accessToken, { message: QUESTION });
    expect(status).toBe(200);
    expect(received.map((event) => event.event)).toEqual(['conversation', 'sources', 'delta', 'delta', 'done']);
    expect(sourcesOf(received)).toEqual([fonts.id]);
    const [rephrase, answer] = upstream.requests.slice(asked);
    expect(rephrase.body).toMatchObject({
      model: 'rephrasing-test',
      temperature: 0,
      messages: [
        { role: 'system', content: REPHRASE_INSTRUCTIONS },
        { role: 'user', content: QUESTION },
      ],
    });
    expect(JSON.stringify(answer.body.messages)).toContain('Reinstall missing fonts');
  });

  it('searches the question alone when the rephrasing fails, and still answers', async () => {
    const asked = upstream.requests.length;
    upstream.enqueue({ status: 500 });
    const { status, received } = await streamAll(t.url, owner.accessToken, { message: QUESTION });
    expect(status).toBe(200);
    expect(received.map((event) => event.event)).toEqual(['conversation', 'sources', 'delta', 'delta', 'done']);
    expect(sourcesOf(received)).toEqual([]);
    expect(upstream.requests.length - asked).toBe(2);
  });
});
