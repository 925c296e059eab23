import { DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { enableRowLevelSecurity } from '../src/core/database/row-level-security';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { newId } from '../src/core/database/columns';
import { sql } from './support/database';
import { testConfig } from './support/test-config';
import { testStack } from './support/test-stack';
import { startTestApp } from './support/test-app';

describe('tenant isolation machinery', () => {
  // One connection in the pool: whatever a transaction leaves behind, the next query sees.
  let dataSource: DataSource;
  let tenants: TenantTransaction;
  const orgA = newId();
  const orgB = newId();

  beforeAll(async () => {
    dataSource = await new DataSource(
      dataSourceOptions(testConfig({ DATABASE_POOL_SIZE: '1' }), 'tenancy-spec'),
    ).initialize();
    tenants = new TenantTransaction(dataSource);
    await sql("INSERT INTO organizations (id, name, slug) VALUES ($1, 'A', $3), ($2, 'B', $4)", [
      orgA,
      orgB,
      `a-${orgA}`,
      `b-${orgB}`,
    ]);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await sql('DELETE FROM organizations WHERE id IN ($1, $2)', [orgA, orgB]);
  });

  const asOwner = async (work: (runner: QueryRunner) => Promise<void>): Promise<void> => {
    const owner = await new DataSource(
      dataSourceOptions(testConfig(), 'tenancy-spec-owner', testStack().ownerUrl),
    ).initialize();
    const runner = owner.createQueryRunner();
    try {
      await work(runner);
    } finally {
      await runner.release();
      await owner.destroy();
    }
  };

  const currentTenant = async (run: (query: string) => Promise<Array<{ tenant: string | null }>>) =>
    (await run(`SELECT current_setting('app.organization_id', true) AS tenant`))[0].tenant;

  it('sets the tenant inside the transaction and leaves the pooled connection without it', async () => {
    const inside = await tenants.run(orgA, (manager) => currentTenant((q) => manager.query(q)));
    expect(inside).toBe(orgA);
    const after = await currentTenant((q) => dataSource.query(q));
    expect(after === null || after === '').toBe(true);
  });

  it('leaves no tenant behind when the work fails', async () => {
    await expect(tenants.run(orgA, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const after = await currentTenant((q) => dataSource.query(q));
    expect(after === null || after === '').toBe(true);
  });

  it('refuses to run without a valid organization id', async () => {
    await expect(tenants.run('', () => Promise.resolve(1))).rejects.toThrow(/organization id/);
    await expect(tenants.batch('', { sql: 'SELECT 1', parameters: [] })).rejects.toThrow(/organization id/);
  });

  it('sets the tenant for a batch, in one transaction, and leaves the pooled connection without it', async () => {
    const [[first], [second]] = (await tenants.batch(
      orgA,
      { sql: `SELECT current_setting('app.organization_id', true) AS tenant, txid_current() AS tx`, parameters: [] },
      { sql: `SELECT current_setting('app.organization_id', true) AS tenant, txid_current() AS tx`, parameters: [] },
    )) as Array<Array<{ tenant: string; tx: string }>>;
    expect(first).toEqual({ tenant: orgA, tx: second.tx });
    expect(second.tenant).toBe(orgA);
    const after = await currentTenant((q) => dataSource.query(q));
    expect(after === null || after === '').toBe(true);
  });

  describe('a table under the row-level security helper', () => {
    beforeAll(async () => {
      // Created by the schema owner, as migrations do; the application role gets DML by default privileges.
      await asOwner(async (runner) => {
        await runner.query('CREATE TABLE rls_probe (id uuid PRIMARY KEY, organization_id uuid NOT NULL, label text)');
        await enableRowLevelSecurity(runner, 'rls_probe');
      });
      for (const [org, label] of [
        [orgA, 'a1'],
        [orgA, 'a2'],
        [orgB, 'b1'],
      ]) {
        await tenants.run(org, (m) => m.query('INSERT INTO rls_probe VALUES ($1, $2, $3)', [newId(), org, label]));
      }
    });
    afterAll(() => asOwner((runner) => runner.query('DROP TABLE rls_probe')));

    it("returns only the tenant's rows to a query that forgets its filter", async () => {
      const rows = await tenants.run(orgB, (m) => m.query<Array<{ label: string }>>('SELECT label FROM rls_probe'));
      expect(rows.map((r) => r.label)).toEqual(['b1']);
    });

    it("returns only the tenant's rows to a batch that forgets its filter", async () => {
      const [rows] = await tenants.batch(orgA, { sql: 'SELECT label FROM rls_probe ORDER BY label', parameters: [] });
      expect(rows).toEqual([{ label: 'a1' }, { label: 'a2' }]);
    });

    it('rolls a batch back when one of its statements fails, and the connection serves the next one', async () => {
      const failing = tenants.batch(
        orgA,
        { sql: 'INSERT INTO rls_probe VALUES ($1, $2, $3)', parameters: [newId(), orgA, 'half-written'] },
        { sql: 'SELECT 1 / 0', parameters: [] },
      );
      await expect(failing).rejects.toBeInstanceOf(QueryFailedError);
      await expect(failing).rejects.toThrow(/division by zero/);
      expect(await sql("SELECT 1 FROM rls_probe WHERE label = 'half-written'")).toHaveLength(0);
      const after = await currentTenant((q) => dataSource.query(q));
      expect(after === null || after === '').toBe(true);
      const [rows] = await tenants.batch(orgB, { sql: 'SELECT label FROM rls_probe', parameters: [] });
      expect(rows).toEqual([{ label: 'b1' }]);
    });

    it('returns nothing outside a tenant transaction', async () => {
      expect(await dataSource.query('SELECT label FROM rls_probe')).toEqual([]);
    });

    it("refuses to write a row into another tenant's organization", async () => {
      await expect(
        tenants.run(orgB, (m) => m.query('INSERT INTO rls_probe VALUES ($1, $2, $3)', [newId(), orgA, 'sneaky'])),
      ).rejects.toThrow(/row-level security/);
      expect(await sql("SELECT 1 FROM rls_probe WHERE label = 'sneaky'")).toHaveLength(0);
    });
  });
});

describe('database role check', () => {
  it('refuses to boot as a role that bypasses row-level security', async () => {
    await expect(startTestApp({ DATABASE_URL: testStack().superuserUrl })).rejects.toThrow(
      /superuser or has BYPASSRLS/,
    );
  });

  it('refuses to boot as the schema owner, which runs the migrations only', async () => {
    await expect(startTestApp({ DATABASE_URL: testStack().ownerUrl })).rejects.toThrow(/BYPASSRLS|owns tables/);
  });

  it('refuses to boot as a role that owns a table, even without BYPASSRLS', async () => {
    const role = `owner_probe_${newId().slice(-12)}`;
    await sql(`CREATE ROLE ${role} LOGIN PASSWORD 'probe' NOSUPERUSER NOBYPASSRLS`);
    await sql(`CREATE TABLE ${role}_table (id int)`);
    await sql(`ALTER TABLE ${role}_table OWNER TO ${role}`);
    try {
      const url = new URL(testStack().databaseUrl);
      [url.username, url.password] = [role, 'probe'];
      await expect(startTestApp({ DATABASE_URL: url.toString() })).rejects.toThrow(/owns tables/);
    } finally {
      await sql(`DROP TABLE ${role}_table`);
      await sql(`DROP ROLE ${role}`);
    }
  });
});
