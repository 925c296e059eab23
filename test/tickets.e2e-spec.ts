import { addMember, ApiClient, createApiKey, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';

interface TicketBody {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  assigneeId: string | null;
  tags: string[];
  version: number;
  resolvedAt: string | null;
  closedAt: string | null;
  createdBy: string;
}
interface Page<T> {
  data: T[];
  total: number;
  skip: number;
  limit: number;
}

describe('tickets', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const create = (who: Session, body: Record<string, unknown>) =>
    api.post<{ data: TicketBody }>('/v1/tickets', { token: who.accessToken, body });
  const createOk = async (who: Session, body: Record<string, unknown>): Promise<TicketBody> => {
    const response = await create(who, body);
    expect(response.status).toBe(201);
    return response.body.data;
  };
  const list = (who: Session, query = '') =>
    api.get<Page<TicketBody>>(`/v1/tickets${query}`, { token: who.accessToken });
  const subjects = async (who: Session, query: string) => (await list(who, query)).body.data.map((x) => x.subject);
  const countTickets = async (organizationId: string) =>
    Number(
      (await sql<{ n: string }>('SELECT count(*) AS n FROM tickets WHERE organization_id = $1', [organizationId]))[0].n,
    );

  describe('POST /v1/tickets', () => {
    it('opens a ticket with the next number, normalised tags and the caller as author', async () => {
      const owner = await signUp(api);
      const first = await createOk(owner, {
        subject: '  Printer on fire ',
        description: 'Smoke everywhere',
        priority: 'urgent',
        tags: ['Hardware', 'hardware', 'office'],
        requesterEmail: 'Customer@Example.com',
      });
      expect(first).toMatchObject({
        number: 1,
        subject: 'Printer on fire',
        status: 'open',
        priority: 'urgent',
        tags: ['hardware', 'office'],
        createdBy: owner.userId,
        version: 1,
        requesterEmail: 'customer@example.com',
        resolvedAt: null,
      });
      expect((await createOk(owner, { subject: 'Second' })).number).toBe(2);
    });

    it('stamps resolvedAt when created already resolved', async () => {
      const owner = await signUp(api);
      const ticket = await createOk(owner, { subject: 'Solved on the phone', status: 'resolved' });
      expect(ticket.resolvedAt).not.toBeNull();
      expect(ticket.closedAt).toBeNull();
    });

    it('lets members and API keys open tickets', async () => {
      const owner = await signUp(api);
      const member = await addMember(api, owner, 'member');
      const key = await createApiKey(api, owner, 'member');
      expect((await create(member, { subject: 'From a member' })).status).toBe(201);
      const viaKey = await api.post<{ data: TicketBody }>('/v1/tickets', {
        apiKey: key.key,
        body: { subject: 'From a key' },
      });
      expect(viaKey.status).toBe(201);
      expect(viaKey.body.data.createdBy).toBe(key.id);
    });

    it('answers bad input with 422 naming each field, and stores nothing', async () => {
      const owner = await signUp(api);
      const response = await create(owner, {
        subject: '',
        description: 'x'.repeat(20_001),
        priority: 'critical',
        tags: Array.from({ length: 21 }, (_, i) => `tag${i}`),
        requesterEmail: 'not-an-email',
        organizationId: owner.organizationId,
      });
      expect(response.status).toBe(422);
      const fields = new Set(
        (response.body as unknown as { error: { details: Array<{ field: string }> } }).error.details.map(
          (d) => d.field,
        ),
      );
      expect(fields).toEqual(
        new Set(['subject', 'description', 'priority', 'tags', 'requesterEmail', 'organizationId']),
      );
      expect(await countTickets(owner.organizationId)).toBe(0);
    });

    it('refuses an assignee of another organization exactly like a missing one, and stores nothing', async () => {
      const a = await signUp(api, 'a');
      const b = await signUp(api, 'b');
      const foreign = await create(b, { subject: 'Assign to A', assigneeId: a.userId });
      const missing = await create(b, {
        subject: 'Assign to nobody',
        assigneeId: '01890000-0000-7000-8000-000000000000',
      });
      for (const response of [foreign, missing]) {
        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({
          error: { details: [{ field: 'assigneeId', message: 'assigneeId must be a user of this organization' }] },
        });
      }
      expect(await countTickets(b.organizationId)).toBe(0);
      expect(await sql('SELECT 1 FROM ticket_counters WHERE organization_id = $1', [b.organizationId])).toHaveLength(0);
      // Once the organization has numbered tickets, a refused assignee takes no number either.
      expect((await createOk(b, { subject: 'First' })).number).toBe(1);
      expect((await create(b, { subject: 'Assign to A again', assigneeId: a.userId })).status).toBe(422);
      expect((await createOk(b, { subject: 'Second' })).number).toBe(2);
    });

    it('numbers 50 concurrent creations 1..50 with no gap and no duplicate', async () => {
      const owner = await signUp(api);
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) => createOk(owner, { subject: `Burst ${i}` })),
      );
      expect(created.map((x) => x.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('never reuses the number of a deleted ticket', async () => {
      const owner = await signUp(api);
      const first = await createOk(owner, { subject: 'One' });
      await createOk(owner, { subject: 'Two' });
      await api.delete(`/v1/tickets/${first.id}`, { token: owner.accessToken });
      expect((await createOk(owner, { subject: 'Three' })).number).toBe(3);
    });
  });

  describe('GET /v1/tickets/:id and PATCH', () => {
    it('reads a ticket; a malformed id is 422 naming it', async () => {
      const owner = await signUp(api);
      const ticket = await createOk(owner, { subject: 'Read me' });
      expect((await api.get(`/v1/tickets/${ticket.id}`, { token: owner.accessToken })).body).toMatchObject({
        data: { id: ticket.id, subject: 'Read me' },
      });
      const malformed = await api.get('/v1/tickets/not-a-uuid', { token: owner.accessToken });
      expect(malformed).toMatchObject({ status: 422, body: { error: { details: [{ field: 'id' }] } } });
    });

    it('applies changes with the current version, bumps it, and keeps status timestamps in step', async () => {
      const owner = await signUp(api);
      const member = await addMember(api, owner, 'member');
      const ticket = await createOk(owner, { subject: 'Change me' });
      const resolved = await api.patch<{ data: TicketBody }>(`/v1/tickets/${ticket.id}`, {
        token: member.accessToken,
        body: { version: 1, status: 'resolved', assigneeId: member.userId, tags: ['Done'] },
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body.data).toMatchObject({
        version: 2,
        status: 'resolved',
        assigneeId: member.userId,
        tags: ['done'],
      });
      expect(resolved.body.data.resolvedAt).not.toBeNull();

      const reopened = await api.patch<{ data: TicketBody }>(`/v1/tickets/${ticket.id}`, {
        token: owner.accessToken,
        body: { version: 2, status: 'open', assigneeId: null },
      });
      expect(reopened.body.data).toMatchObject({
        version: 3,
        status: 'open',
        assigneeId: null,
        resolvedAt: null,
        closedAt: null,
      });
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const owner = await signUp(api);
      const ticket = await createOk(owner, { subject: 'Original' });
      await api.patch(`/v1/tickets/${ticket.id}`, { token: owner.accessToken, body: { version: 1, priority: 'high' } });
      const stale = await api.patch(`/v1/tickets/${ticket.id}`, {
        token: owner.accessToken,
        body: { version: 1, subject: 'Lost update' },
      });
      expect(stale).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
      const [row] = await sql<{ subject: string; version: number }>(
        'SELECT subject, version FROM tickets WHERE id = $1',
        [ticket.id],
      );
      expect(row).toEqual({ subject: 'Original', version: 2 });
    });

    it('answers bad input with 422 and changes nothing (null subject, missing version, bad status)', async () => {
      const owner = await signUp(api);
      const ticket = await createOk(owner, { subject: 'Keep me' });
      for (const body of [{ version: 1, subject: null }, { subject: 'No version' }, { version: 1, status: 'done' }]) {
        const response = await api.patch(`/v1/tickets/${ticket.id}`, { token: owner.accessToken, body });
        expect(response.status).toBe(422);
      }
      const [row] = await sql<{ subject: string; version: number }>(
        'SELECT subject, version FROM tickets WHERE id = $1',
        [ticket.id],
      );
      expect(row).toEqual({ subject: 'Keep me', version: 1 });
    });
  });

  describe('DELETE /v1/tickets/:id', () => {
    it('is for admins and owners; a member gets 403 and the ticket stays', async () => {
      const owner = await signUp(api);
      const admin = await addMember(api, owner, 'admin');
      const member = await addMember(api, owner, 'member');
      const ticket = await createOk(owner, { subject: 'Delete me' });
      await api.post(`/v1/tickets/${ticket.id}/comments`, { token: owner.accessToken, body: { body: 'a comment' } });

      const refused = await api.delete(`/v1/tickets/${ticket.id}`, { token: member.accessToken });
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect(await countTickets(owner.organizationId)).toBe(1);

      expect(await api.delete(`/v1/tickets/${ticket.id}`, { token: admin.accessToken })).toMatchObject({
        status: 200,
        body: { message: 'Ticket deleted' },
      });
      expect(await countTickets(owner.organizationId)).toBe(0);
      expect(await sql('SELECT 1 FROM ticket_comments WHERE ticket_id = $1', [ticket.id])).toHaveLength(0);
    });
  });

  describe('comments', () => {
    it('adds and lists comments in order, with the author and the internal flag', async () => {
      const owner = await signUp(api);
      const member = await addMember(api, owner, 'member');
      const ticket = await createOk(owner, { subject: 'Discuss' });
      const first = await api.post(`/v1/tickets/${ticket.id}/comments`, {
        token: member.accessToken,
        body: { body: ' First ' },
      });
      expect(first).toMatchObject({
        status: 201,
        body: { data: { body: 'First', authorId: member.userId, internal: false, ticketId: ticket.id } },
      });
      await api.post(`/v1/tickets/${ticket.id}/comments`, {
        token: owner.accessToken,
        body: { body: 'Second', internal: true },
      });
      const page = await api.get<Page<{ body: string; internal: boolean }>>(
        `/v1/tickets/${ticket.id}/comments?limit=1&skip=1`,
        {
          token: owner.accessToken,
        },
      );
      expect(page.body).toMatchObject({ total: 2, skip: 1, limit: 1, data: [{ body: 'Second', internal: true }] });
    });

    it('answers bad input with 422 and stores nothing', async () => {
      const owner = await signUp(api);
      const ticket = await createOk(owner, { subject: 'Quiet' });
      for (const body of [{ body: '   ' }, { body: 'ok', internal: 'yes' }, {}]) {
        expect((await api.post(`/v1/tickets/${ticket.id}/comments`, { token: owner.accessToken, body })).status).toBe(
          422,
        );
      }
      expect(await sql('SELECT 1 FROM ticket_comments WHERE ticket_id = $1', [ticket.id])).toHaveLength(0);
    });

    it('answers 404 on a missing ticket', async () => {
      const owner = await signUp(api);
      const missing = '01890000-0000-7000-8000-000000000001';
      expect((await api.get(`/v1/tickets/${missing}/comments`, { token: owner.accessToken })).status).toBe(404);
      expect(
        (await api.post(`/v1/tickets/${missing}/comments`, { token: owner.accessToken, body: { body: 'x' } })).status,
      ).toBe(404);
    });
  });

  describe('isolation between organizations', () => {
    let a: Session;
    let b: Session;
    let aTicket: TicketBody;

    beforeAll(async () => {
      a = await signUp(api, 'tenant-a');
      b = await signUp(api, 'tenant-b');
      aTicket = await createOk(a, { subject: 'Secret of A', description: 'confidential roadmap' });
      await createOk(b, { subject: 'B own ticket' });
    });

    const snapshot = () =>
      sql(
        'SELECT subject, status, version, (SELECT count(*) FROM ticket_comments c WHERE c.ticket_id = t.id) AS comments FROM tickets t WHERE id = $1',
        [aTicket.id],
      );

    it("never lists or finds A's tickets for B, not even by full text", async () => {
      expect(await subjects(b, '')).toEqual(['B own ticket']);
      expect(await subjects(b, '?q=confidential')).toEqual([]);
      expect((await list(b)).body.total).toBe(1);
    });

    it("answers 404 to B for reading, changing, deleting or commenting A's ticket, and nothing changes", async () => {
      const before = await snapshot();
      const notFound = { status: 404, body: { error: { code: 'not_found', message: 'Ticket not found' } } };
      expect(await api.get(`/v1/tickets/${aTicket.id}`, { token: b.accessToken })).toMatchObject(notFound);
      expect(
        await api.patch(`/v1/tickets/${aTicket.id}`, { token: b.accessToken, body: { version: 1, status: 'closed' } }),
      ).toMatchObject(notFound);
      expect(await api.delete(`/v1/tickets/${aTicket.id}`, { token: b.accessToken })).toMatchObject(notFound);
      expect(
        await api.post(`/v1/tickets/${aTicket.id}/comments`, { token: b.accessToken, body: { body: 'x' } }),
      ).toMatchObject(notFound);
      expect(await api.get(`/v1/tickets/${aTicket.id}/comments`, { token: b.accessToken })).toMatchObject(notFound);
      expect(await snapshot()).toEqual(before);
    });

    it("answers a missing ticket and A's ticket identically", async () => {
      const missing = await api.get('/v1/tickets/01890000-0000-7000-8000-000000000002', { token: b.accessToken });
      const foreign = await api.get(`/v1/tickets/${aTicket.id}`, { token: b.accessToken });
      const strip = (body: Record<string, unknown>) => ({ ...(body.error as object), requestId: undefined });
      expect(strip(foreign.body)).toEqual(strip(missing.body));
    });

    it("does not let B assign A's user", async () => {
      const bTicket = await createOk(b, { subject: 'B wants help' });
      const response = await api.patch(`/v1/tickets/${bTicket.id}`, {
        token: b.accessToken,
        body: { version: 1, assigneeId: a.userId },
      });
      expect(response).toMatchObject({ status: 422, body: { error: { details: [{ field: 'assigneeId' }] } } });
    });
  });

  describe('list: pagination, filters and sorting', () => {
    let owner: Session;
    let member: Session;
    let made: TicketBody[];

    beforeAll(async () => {
      owner = await signUp(api, 'lister');
      member = await addMember(api, owner, 'member');
      const specs = [
        {
          subject: 'Login page broken',
          description: 'Users cannot sign in',
          priority: 'urgent',
          tags: ['auth'],
          assigneeId: member.userId,
        },
        {
          subject: 'Invoice wrong',
          description: 'The invoice total is wrong',
          priority: 'low',
          tags: ['billing'],
          status: 'pending',
        },
        {
          subject: 'Refund request',
          description: 'Customer wants a refund for the invoice',
          priority: 'high',
          tags: ['billing', 'vip'],
          assigneeId: owner.userId,
        },
        { subject: 'Feature idea', description: 'Dark mode please', priority: 'normal', status: 'closed' },
        {
          subject: 'Password reset mail',
          description: 'Reset mail never arrives',
          priority: 'high',
          tags: ['auth', 'mail'],
          status: 'resolved',
        },
      ];
      made = [];
      for (const spec of specs) made.push(await createOk(owner, spec));
      // Spread creation times so date ranges and sorts are unambiguous.
      for (const [i, ticket] of made.entries()) {
        await sql(`UPDATE tickets SET created_at = $2, updated_at = $3 WHERE id = $1`, [
          ticket.id,
          new Date(Date.UTC(2026, 0, 1 + i)),
          new Date(Date.UTC(2026, 5, 5 - i)),
        ]);
      }
    });

    it('pages with a correct total', async () => {
      const page = (await list(owner, '?limit=2&skip=3&sort=number&direction=asc')).body;
      expect(page).toMatchObject({ total: 5, skip: 3, limit: 2 });
      expect(page.data.map((x) => x.number)).toEqual([4, 5]);
      expect((await list(owner, '?skip=10')).body).toMatchObject({ data: [], total: 5, skip: 10 });
    });

    it('filters by one or several statuses', async () => {
      expect(await subjects(owner, '?status=pending')).toEqual(['Invoice wrong']);
      expect(new Set(await subjects(owner, '?status=resolved,closed'))).toEqual(
        new Set(['Feature idea', 'Password reset mail']),
      );
      expect(new Set(await subjects(owner, '?status=open&status=pending'))).toEqual(
        new Set(['Login page broken', 'Invoice wrong', 'Refund request']),
      );
    });

    it('filters by priority, tag and assignee (me, none, or an id)', async () => {
      expect(new Set(await subjects(owner, '?priority=high'))).toEqual(
        new Set(['Refund request', 'Password reset mail']),
      );
      expect(new Set(await subjects(owner, '?tag=billing'))).toEqual(new Set(['Invoice wrong', 'Refund request']));
      expect(await subjects(member, '?assignee=me')).toEqual(['Login page broken']);
      expect(await subjects(owner, `?assignee=${member.userId}`)).toEqual(['Login page broken']);
      expect((await list(owner, '?assignee=none')).body.total).toBe(3);
    });

    it('searches subject and description with web search syntax', async () => {
      expect(new Set(await subjects(owner, '?q=invoice'))).toEqual(new Set(['Invoice wrong', 'Refund request']));
      expect(await subjects(owner, `?q=${encodeURIComponent('invoice -refund')}`)).toEqual(['Invoice wrong']);
      expect(await subjects(owner, `?q=${encodeURIComponent('"sign in"')}`)).toEqual(['Login page broken']);
      expect(await subjects(owner, '?q=the')).toEqual([]); // only a stop word: no error, no match
    });

    it('filters by created and updated ranges', async () => {
      expect(await subjects(owner, '?createdFrom=2026-01-02T00:00:00Z&createdTo=2026-01-03T00:00:00Z')).toEqual([
        'Invoice wrong',
      ]);
      expect(new Set(await subjects(owner, '?updatedFrom=2026-06-04T00:00:00Z'))).toEqual(
        new Set(['Login page broken', 'Invoice wrong']),
      );
    });

    it('sorts by created, updated, priority and number, both ways', async () => {
      expect(await subjects(owner, '?sort=created&direction=asc')).toEqual(made.map((x) => x.subject));
      expect(await subjects(owner, '?sort=updated&direction=asc')).toEqual(made.map((x) => x.subject).reverse());
      expect((await list(owner, '?sort=number&direction=desc')).body.data.map((x) => x.number)).toEqual([
        5, 4, 3, 2, 1,
      ]);
      const byPriority = (await list(owner, '?sort=priority&direction=desc')).body.data.map((x) => x.priority);
      expect(byPriority).toEqual(['urgent', 'high', 'high', 'normal', 'low']);
    });

    it('answers bad filters with 422', async () => {
      for (const query of ['?status=done', '?sort=title', '?assignee=someone', '?createdFrom=yesterday', '?limit=0']) {
        const response = await list(owner, query);
        expect(response.status).toBe(422);
      }
    });
  });
});
