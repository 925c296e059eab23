import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { ApiClient, signUp, type Session } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testConfig } from './support/test-config';

/** Row-level security on the real ticket tables, as the application's own database role. */
describe('tickets under row-level security', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let tenants: TenantTransaction;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = await new DataSource(dataSourceOptions(testConfig(), 'tickets-rls-spec')).initialize();
    tenants = new TenantTransaction(dataSource);
    const api = new ApiClient(t.url);
    [a, b] = [await signUp(api, 'rls-a'), await signUp(api, 'rls-b')];
    for (const [who, subject] of [
      [a, 'A one'],
      [a, 'A two'],
      [b, 'B one'],
    ] as const) {
      const ticket = await api.post<{ data: { id: string } }>('/v1/tickets', {
        token: who.accessToken,
        body: { subject },
      });
      await api.post(`/v1/tickets/${ticket.body.data.id}/comments`, {
        token: who.accessToken,
        body: { body: `on ${subject}` },
      });
    }
  });
  afterAll(async () => {
    await dataSource.destroy();
    await t.close();
  });

  it("returns only B's rows to unfiltered queries inside B's tenant transaction", async () => {
    const rows = await tenants.run(b.organizationId, async (m) => ({
      tickets: await m.query<Array<{ subject: string }>>('SELECT subject FROM tickets'),
      comments: await m.query<Array<{ body: string }>>('SELECT body FROM ticket_comments'),
      counters: await m.query<Array<{ organization_id: string }>>('SELECT organization_id FROM ticket_counters'),
    }));
    expect(rows.tickets.map((r) => r.subject)).toEqual(['B one']);
    expect(rows.comments.map((r) => r.body)).toEqual(['on B one']);
    expect(rows.counters.map((r) => r.organization_id)).toEqual([b.organizationId]);
  });

  it('returns nothing to the same queries outside any tenant transaction', async () => {
    for (const table of ['tickets', 'ticket_comments', 'ticket_counters']) {
      expect(await dataSource.query(`SELECT * FROM ${table}`)).toEqual([]);
    }
  });

  describe('full-text search through ticket_search_ids (SECURITY DEFINER, for the GIN index)', () => {
    const ids = (m: { query: DataSource['query'] }, organizationId: string, q: string) =>
      m.query<Array<{ id: string }>>('SELECT ticket_search_ids($1, $2) AS id', [organizationId, q]);

    it("finds the transaction's own tickets and no other organization's, whatever the words", async () => {
      const own = await tenants.run(b.organizationId, (m) => ids(m, b.organizationId, 'one'));
      const subjects = await tenants.run(b.organizationId, (m) =>
        m.query<Array<{ subject: string }>>('SELECT subject FROM tickets WHERE id = ANY($1)', [own.map((r) => r.id)]),
      );
      expect(subjects.map((r) => r.subject)).toEqual(['B one']);
      // Only A has a ticket about "two"; A itself finds it.
      expect(await tenants.run(b.organizationId, (m) => ids(m, b.organizationId, 'two'))).toEqual([]);
      expect(await tenants.run(a.organizationId, (m) => ids(m, a.organizationId, 'two'))).toHaveLength(1);
    });

    it("refuses any organization but the transaction's, and answers nothing outside a tenant transaction", async () => {
      await expect(tenants.run(b.organizationId, (m) => ids(m, a.organizationId, 'one'))).rejects.toThrow(
        /limited to the organization of the transaction/,
      );
      expect(await ids(dataSource, a.organizationId, 'one')).toEqual([]);
    });

    it("lists through the API only the caller's tickets for a query both organizations match", async () => {
      const api = new ApiClient(t.url);
      for (const [who, subject] of [
        [a, ['A one']],
        [b, ['B one']],
      ] as const) {
        const found = await api.get<{ data: Array<{ subject: string }>; total: number }>('/v1/tickets?q=one', {
          token: who.accessToken,
        });
        expect({ subjects: found.body.data.map((r) => r.subject), total: found.body.total }).toEqual({
          subjects: subject,
          total: 1,
        });
      }
    });
  });
});
