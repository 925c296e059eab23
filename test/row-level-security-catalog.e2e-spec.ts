import { Client } from 'pg';
import { newId } from '../src/core/database/columns';
import { sql } from './support/database';
import { testStack } from './support/test-stack';

/**
 * Tables with an `organization_id` column that may go without the tenant policy, each with the
 * reason. Empty: every tenant table carries it. An entry needs a reason a reviewer accepts.
 */
const UNPROTECTED_ALLOWED: Record<string, string> = {};

interface TenantTable {
  table: string;
  enabled: boolean;
  forced: boolean;
  policies: string[];
}

/** Every table of the schema with an organization_id column, straight from the catalog. */
const tenantTables = (): Promise<TenantTable[]> =>
  sql<TenantTable>(
    `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
            ARRAY(SELECT p.polname || ': ' || pg_get_expr(p.polqual, p.polrelid) || ' / ' ||
                         pg_get_expr(p.polwithcheck, p.polrelid)
                  FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY p.polname) AS policies
     FROM pg_class c
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace
     ORDER BY c.relname`,
  );

const TENANT_POLICY = new RegExp(
  String.raw`^tenant_isolation: \(organization_id = \(NULLIF\(current_setting\('app\.organization_id'::text, true\), ''::text\)\)::uuid\)` +
    String.raw` / \(organization_id = \(NULLIF\(current_setting\('app\.organization_id'::text, true\), ''::text\)\)::uuid\)$`,
);

/** A SQL expression for a throwaway value of a column type; a new type fails loudly here. */
function valueFor(type: string): string {
  if (type.endsWith('[]')) return `'{}'`;
  if (type === 'uuid') return 'gen_random_uuid()';
  if (/^(character|text)/.test(type)) return 'substr(md5(random()::text), 1, 8)';
  if (/^(smallint|integer|bigint|numeric|real|double)/.test(type)) return '1';
  if (type === 'boolean') return 'false';
  if (type.startsWith('timestamp') || type === 'date') return 'now()';
  if (/^jsonb?$/.test(type)) return `'{}'`;
  if (type === 'tsvector') return `''::tsvector`;
  if (type === 'bytea') return `'\\x00'::bytea`;
  if (type.startsWith('bit')) return `B'1'`;
  throw new Error(`no throwaway value for column type ${type}: add one to valueFor`);
}

describe('row-level security coverage (from the catalog)', () => {
  let tables: TenantTable[];
  let appRole: string;
  let superuser: Client;

  beforeAll(async () => {
    tables = await tenantTables();
    appRole = new URL(testStack().databaseUrl).username;
    superuser = new Client({ connectionString: testStack().superuserUrl });
    await superuser.connect();
  });
  afterAll(() => superuser.end());

  it('finds the tenant tables', () => {
    // A catalog query that matched nothing would make every check below vacuous.
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['users', 'tickets', 'documents']));
  });

  it('has every table with organization_id under the forced tenant policy, or on the allow-list', () => {
    const unprotected = tables
      .filter((t) => !(t.table in UNPROTECTED_ALLOWED))
      .filter((t) => !t.enabled || !t.forced || t.policies.length !== 1 || !TENANT_POLICY.test(t.policies[0]))
      .map((t) => ({ table: t.table, enabled: t.enabled, forced: t.forced, policies: t.policies }));
    expect(unprotected).toEqual([]);
  });

  /**
   * Per table, inside a superuser transaction that is rolled back: a throwaway row of
   * organization A is written behind the policy (foreign keys off), then, as the application
   * role, the row is invisible without a tenant, visible in A's, and a row for A cannot be
   * written from B's.
   */
  const probe = async (table: string) => {
    const [orgA, orgB] = [newId(), newId()];
    const { rows: columns } = await superuser.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
         AND NOT a.atthasdef AND a.attgenerated = '' AND a.attname <> 'organization_id'`,
      [table],
    );
    const names = ['organization_id', ...columns.map((c) => `"${c.name}"`)].join(', ');
    const values = ['$1::uuid', ...columns.map((c) => valueFor(c.type))].join(', ');
    const count = async () =>
      Number((await superuser.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    const asTenant = (org: string) => superuser.query(`SELECT set_config('app.organization_id', $1, true)`, [org]);

    await superuser.query('BEGIN');
    try {
      await superuser.query(`SET LOCAL session_replication_role = replica`);
      await superuser.query(`INSERT INTO "${table}" (${names}) VALUES (${values})`, [orgA]);
      await superuser.query(`SET LOCAL ROLE "${appRole}"`);
      const withoutTenant = await count();
      await asTenant(orgA);
      const inOwnTenant = await count();
      await asTenant(orgB);
      await superuser.query('SAVEPOINT foreign_insert');
      const foreignInsert = await superuser.query(`INSERT INTO "${table}" (${names}) VALUES (${values})`, [orgA]).then(
        () => 'written',
        (error: Error) => (/row-level security/.test(error.message) ? 'refused' : error.message),
      );
      return { table, withoutTenant, inOwnTenantAtLeastOne: inOwnTenant >= 1, foreignInsert };
    } finally {
      await superuser.query('ROLLBACK');
    }
  };

  it('shows the application role no row without a tenant, and refuses a row for another tenant, in every tenant table', async () => {
    const results = [];
    for (const { table } of tables.filter((t) => !(t.table in UNPROTECTED_ALLOWED))) results.push(await probe(table));
    expect(results).toEqual(
      results.map(({ table }) => ({ table, withoutTenant: 0, inOwnTenantAtLeastOne: true, foreignInsert: 'refused' })),
    );
  });
});
