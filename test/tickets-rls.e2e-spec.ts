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
});
