import type { INestApplicationContext } from '@nestjs/common';
import { ApiClient, signUp, type Session } from './support/api-client';
import { startInProcessWorker, waitForIndexing, type DocumentBody } from './support/knowledge-client';
import { streamAll } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';

const REFUND_POLICY = [
  '# Refund policy',
  '',
  '## Gift cards',
  '',
  'Gift cards are never refundable, but they can be transferred to another account once.',
  '',
  '## Hardware',
  '',
  'Hardware can be returned within 30 days in its original packaging.',
].join('\n');

/** The extractive assistant over the real knowledge base: upload, index in the worker, ask. */
describe('assistant grounded in the knowledge base', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let owner: Session;
  let other: Session;
  let policy: DocumentBody;
  let othersDocument: DocumentBody;

  const upload = async (who: Session, title: string, content: string): Promise<DocumentBody> => {
    const response = await api.post<{ data: DocumentBody }>('/v1/knowledge/documents', {
      token: who.accessToken,
      body: { title, content, format: 'markdown' },
    });
    expect(response.status).toBe(202);
    return waitForIndexing(api, who.accessToken, response.body.data.id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startInProcessWorker();
    api = new ApiClient(t.url);
    owner = await signUp(api, 'grounded');
    other = await signUp(api, 'grounded-other');
    policy = await upload(owner, 'Refund policy', REFUND_POLICY);
    othersDocument = await upload(
      other,
      'Secret refunds',
      '# Secret refunds\n\nGift cards of the other company are refundable.',
    );
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('streams the matching passage, introduced as a passage, with its citation', async () => {
    expect(policy.status).toBe('ready');
    const { status, received } = await streamAll(t.url, owner.accessToken, {
      message: 'Can I get a refund for a gift card?',
    });
    expect(status).toBe(200);
    expect(received.map((e) => e.event)[0]).toBe('conversation');
    expect(received.map((e) => e.event)[1]).toBe('sources');
    expect(received.at(-1)?.event).toBe('done');

    const sources = (received[1].data as { sources: Array<{ documentId: string; headingPath: string[] }> }).sources;
    expect(sources.length).toBeGreaterThan(0);
    expect(sources[0]).toMatchObject({ documentId: policy.id, headingPath: ['Refund policy', 'Gift cards'] });
    expect(sources.map((s) => s.documentId)).not.toContain(othersDocument.id);

    const answer = received
      .filter((e) => e.event === 'delta')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(answer).toContain('Gift cards are never refundable');
    expect(answer.toLowerCase()).toContain('passage');
    expect(answer).not.toContain('other company');
    expect(received.at(-1)?.data).toMatchObject({ finishReason: 'stop' });

    const conversationId = (received[0].data as { conversationId: string }).conversationId;
    const stored = await api.get<{
      data: { messages: Array<{ role: string; citations: Array<{ documentId: string }> }> };
    }>(`/v1/conversations/${conversationId}`, { token: owner.accessToken });
    const reply = stored.body.data.messages.find((m) => m.role === 'assistant');
    expect(reply?.citations.map((c) => c.documentId)).toContain(policy.id);
  });

  it("never answers from another organization's documents", async () => {
    const { received } = await streamAll(t.url, other.accessToken, { message: 'Hardware returned within 30 days?' });
    const sources = (received[1].data as { sources: Array<{ documentId: string }> }).sources;
    expect(sources.map((s) => s.documentId)).not.toContain(policy.id);
  });
});
