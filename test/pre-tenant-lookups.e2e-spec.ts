import { Client } from 'pg';
import { sha256 } from '../src/core/crypto/secret-token';
import { ApiClient, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';
import { testStack } from './support/test-stack';

/**
 * The SECURITY DEFINER functions behind the pre-tenant look-ups, called directly as the
 * application role: each answers its one equality question and gives nothing to a caller
 * trying to read another organization's rows with them.
 */
describe('pre-tenant look-up functions', () => {
  let t: TestApp;
  let app: Client;
  let a: Session;
  let b: Session;

  const asApp = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await app.query(text, params)).rows as T[];

  beforeAll(async () => {
    t = await startTestApp();
    const api = new ApiClient(t.url);
    [a, b] = [await signUp(api, 'lookup-a'), await signUp(api, 'lookup-b')];
    await api.post('/v1/api-keys', { token: b.accessToken, body: { name: 'b key', role: 'member' } });
    await api.post('/v1/invitations', {
      token: b.accessToken,
      body: { email: `invitee-${b.userId}@example.com`, role: 'member' },
    });
    app = new Client({ connectionString: testStack().databaseUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await t.close();
  });

  it('are every SECURITY DEFINER function of the schema: owned by the owner, search_path pinned, not executable by PUBLIC', async () => {
    const functions = await sql<{ name: string; owner: string; config: string[] | null; public_can_execute: boolean }>(
      `SELECT p.proname AS name, p.proowner::regrole::text AS owner, p.proconfig AS config,
              has_function_privilege('public', p.oid, 'EXECUTE') AS public_can_execute
       FROM pg_proc p WHERE p.prosecdef AND p.pronamespace = 'public'::regnamespace ORDER BY 1`,
    );
    const appRole = new URL(testStack().databaseUrl).username;
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect({ name: fn.name, ownerIsApp: fn.owner === appRole, public: fn.public_can_execute }).toEqual({
        name: fn.name,
        ownerIsApp: false,
        public: false,
      });
      expect(fn.config).toEqual(expect.arrayContaining([expect.stringMatching(/^search_path=pg_catalog, pg_temp$/)]));
    }
  });

  it('login by email returns the one candidate of that exact email, with only what the password check needs', async () => {
    const rows = await asApp('SELECT * FROM pre_tenant_login_candidate($1)', [a.email]);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]).sort()).toEqual(['id', 'organization_id', 'password_hash', 'status']);
    expect(rows[0]).toMatchObject({ id: a.userId, organization_id: a.organizationId });
    for (const probe of ['%', '%@example.com', a.email.toUpperCase(), ` ${a.email}`, '']) {
      expect(await asApp('SELECT * FROM pre_tenant_login_candidate($1)', [probe])).toEqual([]);
    }
    expect(await asApp('SELECT * FROM pre_tenant_login_candidate(NULL)')).toEqual([]);
  });

  it('an API key by prefix answers only an exact prefix', async () => {
    const [key] = await sql<{ prefix: string }>('SELECT prefix FROM api_keys WHERE organization_id = $1', [
      b.organizationId,
    ]);
    const rows = await asApp<{ organization_id: string }>('SELECT * FROM pre_tenant_api_key($1)', [key.prefix]);
    expect(rows.map((r) => r.organization_id)).toEqual([b.organizationId]);
    for (const probe of ['%', `${key.prefix.slice(0, 4)}%`, key.prefix.slice(0, -1), '']) {
      expect(await asApp('SELECT * FROM pre_tenant_api_key($1)', [probe])).toEqual([]);
    }
  });

  it('token look-ups give an organization id for an exact token hash, nothing for anything else', async () => {
    const [session] = await asApp<{ org: string | null }>('SELECT pre_tenant_refresh_session_organization($1) AS org', [
      sha256(a.refreshToken),
    ]);
    expect(session.org).toBe(a.organizationId);
    const [invitation] = await sql<{ token_hash: string }>(
      'SELECT token_hash FROM invitations WHERE organization_id = $1',
      [b.organizationId],
    );
    const [invited] = await asApp<{ org: string | null }>('SELECT pre_tenant_invitation_organization($1) AS org', [
      invitation.token_hash,
    ]);
    expect(invited.org).toBe(b.organizationId);
    for (const fn of ['pre_tenant_refresh_session_organization', 'pre_tenant_invitation_organization']) {
      for (const probe of ['%', a.refreshToken, invitation.token_hash.slice(0, 10)]) {
        expect(await asApp(`SELECT ${fn}($1) AS org`, [probe])).toEqual([{ org: null }]);
      }
    }
  });

  it('the email check answers a boolean and nothing else', async () => {
    expect(await asApp('SELECT pre_tenant_email_has_account($1) AS taken', [b.email])).toEqual([{ taken: true }]);
    expect(await asApp('SELECT pre_tenant_email_has_account($1) AS taken', ['%'])).toEqual([{ taken: false }]);
  });

  it('leave the tables themselves closed to the application role without a tenant, and their policies out of its reach', async () => {
    for (const table of ['users', 'api_keys', 'invitations', 'refresh_sessions']) {
      expect(await asApp(`SELECT * FROM ${table}`)).toEqual([]);
    }
    await expect(asApp('ALTER TABLE users NO FORCE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
    await expect(asApp('DROP POLICY tenant_isolation ON users')).rejects.toThrow(/must be owner/);
    await expect(
      asApp(
        `CREATE FUNCTION public.steal() RETURNS SETOF text LANGUAGE sql SECURITY DEFINER AS $$ SELECT email FROM public.users $$`,
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
