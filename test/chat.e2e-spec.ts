import { EXTRACTIVE_INTRO, EXTRACTIVE_NOTHING_FOUND } from '../src/chat/providers/extractive.provider';
import { addMember, ApiClient, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { passage, PassageFixture, withPassages } from './support/passage-fixture';
import { streamAll, type ReceivedEvent } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';

type ErrorBody = { error: { code: string; message: string; details?: Array<{ field: string }> } };
interface MessageBody {
  role: string;
  content: string;
  finishReason: string | null;
  citations: Array<{ number: number; chunkId: string; documentId: string; documentTitle: string }>;
  usage: unknown;
}
interface ConversationBody {
  id: string;
  agentId: string | null;
  title: string;
  createdBy: string;
  messages: MessageBody[];
}

const answerText = (events: ReceivedEvent[]) =>
  events
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text)
    .join('');

/** The assistant with no model configured (extractive), its conversations, isolation and input rules. */
describe('assistant (extractive default)', () => {
  let t: TestApp;
  let api: ApiClient;
  const fixture = new PassageFixture();

  beforeAll(async () => {
    t = await startTestApp({}, withPassages(fixture));
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const ask = (who: Session, body: Record<string, unknown>) => streamAll(t.url, who.accessToken, body);
  const conversationOf = (events: ReceivedEvent[]) => events[0].data.conversationId as string;
  const countMessages = async (organizationId: string) =>
    Number(
      (await sql<{ n: string }>('SELECT count(*) AS n FROM messages WHERE organization_id = $1', [organizationId]))[0]
        .n,
    );

  async function organization(label = 'org'): Promise<Session> {
    const owner = await signUp(api, label);
    fixture.set(owner.organizationId, [
      passage({
        documentTitle: `${label} reset guide`,
        headingPath: ['Accounts', 'Passwords'],
        text: `${label}: use the reset link.`,
      }),
      passage({ documentTitle: `${label} billing`, text: `${label}: invoices are monthly.` }),
    ]);
    return owner;
  }

  describe('POST /v1/chat/stream', () => {
    it('streams the matching passages, introduced as passages, with sources and citations', async () => {
      const owner = await organization('acme');
      const { status, received } = await ask(owner, { message: 'How do I reset my password?' });
      expect(status).toBe(200);
      expect(received.map((e) => e.event)).toEqual(['conversation', 'sources', 'delta', 'delta', 'delta', 'done']);
      const sources = received[1].data.sources as Array<Record<string, unknown>>;
      expect(sources.map((s) => s.documentTitle)).toEqual(['acme reset guide', 'acme billing']);
      expect(sources[0]).toEqual({
        chunkId: expect.any(String),
        chunkIds: [sources[0].chunkId],
        documentId: expect.any(String),
        documentTitle: 'acme reset guide',
        headingPath: ['Accounts', 'Passwords'],
        snippet: expect.any(String),
        score: 1,
      });
      const text = answerText(received);
      expect(text.startsWith(EXTRACTIVE_INTRO)).toBe(true);
      expect(text).toContain('[1] acme reset guide — Accounts > Passwords\nacme: use the reset link.');
      expect(text).toContain('[2] acme billing');
      expect(received[5].data).toEqual({ messageId: expect.any(String), finishReason: 'stop', usage: null });
      expect(fixture.calls.at(-1)).toEqual({
        organizationId: owner.organizationId,
        question: 'How do I reset my password?',
        limit: 5,
      });

      const conversation = await api.get<{ data: ConversationBody }>(`/v1/conversations/${conversationOf(received)}`, {
        token: owner.accessToken,
      });
      expect(conversation.body.data).toMatchObject({
        title: 'How do I reset my password?',
        agentId: null,
        createdBy: owner.userId,
      });
      const [question, answer] = conversation.body.data.messages;
      expect(question).toMatchObject({
        role: 'user',
        content: 'How do I reset my password?',
        finishReason: null,
        citations: [],
      });
      expect(answer).toMatchObject({ role: 'assistant', content: text, finishReason: 'stop', usage: null });
      expect(answer.citations).toEqual([
        {
          number: 1,
          chunkId: sources[0].chunkId,
          documentId: sources[0].documentId,
          documentTitle: 'acme reset guide',
        },
        { number: 2, chunkId: sources[1].chunkId, documentId: sources[1].documentId, documentTitle: 'acme billing' },
      ]);
    });

    it('says plainly when no passage matches, and never pretends a model answered', async () => {
      const owner = await signUp(api, 'empty');
      const { received } = await ask(owner, { message: 'Anything?' });
      expect(received[1].data.sources).toEqual([]);
      expect(answerText(received)).toBe(EXTRACTIVE_NOTHING_FOUND);
    });

    it("uses the named agent's retrieval size, continues a conversation, and keeps its agent", async () => {
      const owner = await organization('agent');
      const agent = await api.post<{ data: { id: string } }>('/v1/agents', {
        token: owner.accessToken,
        body: { name: 'Short', passageCount: 1 },
      });
      const first = await ask(owner, { message: 'First', agentId: agent.body.data.id });
      expect(first.received[1].data.sources).toHaveLength(1);
      expect(fixture.calls.at(-1)?.limit).toBe(1);
      const conversationId = conversationOf(first.received);
      const second = await ask(owner, { message: 'Second', conversationId });
      expect(conversationOf(second.received)).toBe(conversationId);
      expect(second.received[1].data.sources).toHaveLength(1);
      const stored = await api.get<{ data: ConversationBody }>(`/v1/conversations/${conversationId}`, {
        token: owner.accessToken,
      });
      expect(stored.body.data.agentId).toBe(agent.body.data.id);
      expect(stored.body.data.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    });

    it("uses the organization's first agent when none is named", async () => {
      const owner = await organization('default');
      const agent = await api.post<{ data: { id: string } }>('/v1/agents', {
        token: owner.accessToken,
        body: { name: 'Default', passageCount: 2 },
      });
      const { received } = await ask(owner, { message: 'Which agent?' });
      const stored = await api.get<{ data: ConversationBody }>(`/v1/conversations/${conversationOf(received)}`, {
        token: owner.accessToken,
      });
      expect(stored.body.data.agentId).toBe(agent.body.data.id);
    });

    it('answers bad input with a 4xx envelope before streaming, and stores nothing', async () => {
      const owner = await organization('bad');
      const other = await organization('other');
      const foreignAgent = await api.post<{ data: { id: string } }>('/v1/agents', {
        token: other.accessToken,
        body: { name: 'Theirs' },
      });
      const foreignConversation = conversationOf((await ask(other, { message: 'Their question' })).received);
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ message: '' }, 422, 'validation_failed'],
        [{ message: '   ' }, 422, 'validation_failed'],
        [{ message: 'x'.repeat(4_001) }, 422, 'validation_failed'],
        [{}, 422, 'validation_failed'],
        [{ message: 'hi', agentId: 'nope' }, 422, 'validation_failed'],
        [{ message: 'hi', organizationId: other.organizationId }, 422, 'validation_failed'],
        [{ message: 'hi', agentId: '0190f3a2-8c1e-7c55-9d51-2b1f1c2a9e10' }, 404, 'not_found'],
        [{ message: 'hi', agentId: foreignAgent.body.data.id }, 404, 'not_found'],
        [{ message: 'hi', conversationId: foreignConversation }, 404, 'not_found'],
      ];
      for (const [body, status, code] of cases) {
        const response = await api.post<ErrorBody>('/v1/chat/stream', { token: owner.accessToken, body });
        expect([body, response.status, response.body.error?.code]).toEqual([body, status, code]);
      }
      expect(await countMessages(owner.organizationId)).toBe(0);
      expect(await countMessages(other.organizationId)).toBe(2);
      // The other organization's passages were never retrieved for this one.
      expect(fixture.calls.filter((c) => c.organizationId === owner.organizationId)).toEqual([]);
    });

    it("refuses to switch a conversation's agent", async () => {
      const owner = await organization('switch');
      // Started with no agent (the built-in default); the agent comes later.
      const conversationId = conversationOf((await ask(owner, { message: 'Start' })).received);
      const agent = await api.post<{ data: { id: string } }>('/v1/agents', {
        token: owner.accessToken,
        body: { name: 'Other' },
      });
      const response = await api.post<ErrorBody>('/v1/chat/stream', {
        token: owner.accessToken,
        body: { message: 'Switch', conversationId, agentId: agent.body.data.id },
      });
      expect(response.status).toBe(422);
      expect(response.body.error.details?.map((d) => d.field)).toEqual(['agentId']);
    });

    it('requires authentication', async () => {
      expect((await api.post('/v1/chat/stream', { body: { message: 'hi' } })).status).toBe(401);
    });
  });

  describe('POST /v1/chat', () => {
    it('returns the whole answer with its sources as { data }', async () => {
      const owner = await organization('json');
      const response = await api.post<{ data: { conversationId: string; message: MessageBody; sources: unknown[] } }>(
        '/v1/chat',
        { token: owner.accessToken, body: { message: 'Billing?' } },
      );
      expect(response.status).toBe(200);
      expect(response.body.data.sources).toHaveLength(2);
      expect(response.body.data.message).toMatchObject({ role: 'assistant', finishReason: 'stop' });
      expect(response.body.data.message.content.startsWith(EXTRACTIVE_INTRO)).toBe(true);
      expect(response.body.data.message.citations.map((c) => c.number)).toEqual([1, 2]);
      const stored = await api.get<{ data: ConversationBody }>(
        `/v1/conversations/${response.body.data.conversationId}`,
        {
          token: owner.accessToken,
        },
      );
      expect(stored.body.data.messages).toHaveLength(2);
    });

    it('answers an empty message with 422 and stores nothing', async () => {
      const owner = await organization('json-bad');
      const response = await api.post<ErrorBody>('/v1/chat', { token: owner.accessToken, body: { message: '' } });
      expect(response.status).toBe(422);
      expect(await countMessages(owner.organizationId)).toBe(0);
    });
  });

  describe('conversations', () => {
    it('lists your own conversations to members; admins see all of the organization', async () => {
      const owner = await organization('list');
      const member = await addMember(api, owner, 'member');
      const otherMember = await addMember(api, owner, 'member');
      const mine = conversationOf((await ask(member, { message: 'Mine' })).received);
      const theirs = conversationOf((await ask(otherMember, { message: 'Theirs' })).received);

      const memberList = await api.get<{ data: ConversationBody[]; total: number }>('/v1/conversations', {
        token: member.accessToken,
      });
      expect(memberList.body.data.map((c) => c.id)).toEqual([mine]);
      expect(memberList.body.total).toBe(1);
      expect((await api.get(`/v1/conversations/${theirs}`, { token: member.accessToken })).status).toBe(404);
      expect((await api.delete(`/v1/conversations/${theirs}`, { token: member.accessToken })).status).toBe(404);
      const continued = await api.post<ErrorBody>('/v1/chat/stream', {
        token: member.accessToken,
        body: { message: 'Let me in', conversationId: theirs },
      });
      expect(continued.status).toBe(404);

      const ownerList = await api.get<{ data: ConversationBody[] }>('/v1/conversations', { token: owner.accessToken });
      expect(new Set(ownerList.body.data.map((c) => c.id))).toEqual(new Set([mine, theirs]));
      expect((await api.get(`/v1/conversations/${theirs}`, { token: owner.accessToken })).status).toBe(200);
    });

    it("answers 404 for another organization's conversation, and deletes nothing", async () => {
      const a = await organization('iso-a');
      const b = await organization('iso-b');
      const conversationId = conversationOf((await ask(a, { message: 'Secret' })).received);
      expect((await api.get(`/v1/conversations/${conversationId}`, { token: b.accessToken })).status).toBe(404);
      const removed = await api.delete<ErrorBody>(`/v1/conversations/${conversationId}`, { token: b.accessToken });
      expect(removed.status).toBe(404);
      expect(removed.body.error.message).toBe('Conversation not found');
      expect((await api.get<{ total: number }>('/v1/conversations', { token: b.accessToken })).body.total).toBe(0);
      expect(await countMessages(a.organizationId)).toBe(2);
    });

    it('deletes a conversation with its messages', async () => {
      const owner = await organization('delete');
      const conversationId = conversationOf((await ask(owner, { message: 'Forget me' })).received);
      const removed = await api.delete(`/v1/conversations/${conversationId}`, { token: owner.accessToken });
      expect(removed.body).toEqual({ message: 'Conversation deleted' });
      expect((await api.get(`/v1/conversations/${conversationId}`, { token: owner.accessToken })).status).toBe(404);
      expect(await countMessages(owner.organizationId)).toBe(0);
    });

    it('keeps conversations when their agent is deleted, and continues them with the default', async () => {
      const owner = await organization('orphan');
      const agent = await api.post<{ data: { id: string } }>('/v1/agents', {
        token: owner.accessToken,
        body: { name: 'Gone' },
      });
      const conversationId = conversationOf(
        (await ask(owner, { message: 'Hi', agentId: agent.body.data.id })).received,
      );
      await api.delete(`/v1/agents/${agent.body.data.id}`, { token: owner.accessToken });
      const again = await ask(owner, { message: 'Still there?', conversationId });
      expect(again.received.at(-1)?.event).toBe('done');
      const stored = await api.get<{ data: ConversationBody }>(`/v1/conversations/${conversationId}`, {
        token: owner.accessToken,
      });
      expect(stored.body.data.agentId).toBeNull();
      expect(stored.body.data.messages).toHaveLength(4);
    });

    it('answers 422 for bad ids and paging', async () => {
      const owner = await signUp(api);
      expect((await api.get('/v1/conversations/123', { token: owner.accessToken })).status).toBe(422);
      expect((await api.get('/v1/conversations?limit=1000', { token: owner.accessToken })).status).toBe(422);
    });
  });
});
