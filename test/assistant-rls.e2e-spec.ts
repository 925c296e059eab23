import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { ApiClient, signUp, type Session } from './support/api-client';
import { PassageFixture, withPassages } from './support/passage-fixture';
import { streamAll } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testConfig } from './support/test-config';

const TABLES = ['agents', 'conversations', 'messages'];

/** Row-level security on the assistant's tables, as the application's own database role. */
describe('assistant tables under row-level security', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let tenants: TenantTransaction;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    t = await startTestApp({}, withPassages(new PassageFixture()));
    dataSource = await new DataSource(dataSourceOptions(testConfig(), 'assistant-rls-spec')).initialize();
    tenants = new TenantTransaction(dataSource);
    const api = new ApiClient(t.url);
    [a, b] = [await signUp(api, 'rls-a'), await signUp(api, 'rls-b')];
    for (const who of [a, b]) {
      await api.post('/v1/agents', { token: who.accessToken, body: { name: `Agent of ${who.email}` } });
      await streamAll(t.url, who.accessToken, { message: `Question of ${who.email}` });
    }
  });
  afterAll(async () => {
    await dataSource.destroy();
    await t.close();
  });

  it("returns only B's rows to unfiltered queries inside B's tenant transaction", async () => {
    const organizations = await tenants.run(b.organizationId, (m) =>
      Promise.all(
        TABLES.map((table) => m.query<Array<{ organization_id: string }>>(`SELECT organization_id FROM ${table}`)),
      ),
    );
    for (const rows of organizations) {
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.organization_id))).toEqual(new Set([b.organizationId]));
    }
  });

  it('returns nothing outside any tenant transaction, and refuses to write into another tenant', async () => {
    for (const table of TABLES) expect(await dataSource.query(`SELECT * FROM ${table}`)).toEqual([]);
    await expect(
      tenants.run(b.organizationId, (m) =>
        m.query(
          `INSERT INTO agents (id, organization_id, name, system_prompt, temperature, max_answer_tokens, passage_count)
           VALUES (gen_random_uuid(), $1, 'Intruder', '', 0, 1, 1)`,
          [a.organizationId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
