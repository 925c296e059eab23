import { createHash } from 'node:crypto';
import { addMember, ApiClient, createApiKey, type Session, signUp } from './support/api-client';
import { sql } from './support/database';
import { ISO, MISSING_ID, expectError, expectFieldProblem } from './support/expect-envelope';
import { startTestApp, type TestApp } from './support/test-app';

interface CreatedApiKey {
  id: string;
  name: string;
  role: 'admin' | 'member';
  prefix: string;
  key: string;
  createdAt: string;
  expiresAt: string | null;
}

interface ApiKeyView {
  id: string;
  name: string;
  role: 'admin' | 'member';
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface Page<T> {
  data: T[];
  total: number;
  skip: number;
  limit: number;
}

const KEY = /^dsk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const CREATED_FIELDS = ['createdAt', 'expiresAt', 'id', 'key', 'name', 'prefix', 'role'];
const VIEW_FIELDS = ['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'role'];
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const secretOf = (key: string): string => (KEY.exec(key) as RegExpExecArray)[2];

const keyRow = async (id: string): Promise<Record<string, unknown> | undefined> =>
  (await sql('SELECT * FROM api_keys WHERE id = $1', [id]))[0];
const keyCount = async (organizationId: string): Promise<number> =>
  (await sql<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE organization_id = $1', [organizationId]))[0]
    .n;

/** How many rows of any table in the schema contain `text`, once serialized to JSON. */
async function rowsContaining(text: string): Promise<Array<{ table: string; n: number }>> {
  const tables = await sql<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  expect(tables.map((t) => t.table_name)).toContain('api_keys');
  const hits: Array<{ table: string; n: number }> = [];
  for (const { table_name: table } of tables) {
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table}" AS t WHERE strpos(row_to_json(t)::text, $1) > 0`,
      [text],
    );
    if (n > 0) hits.push({ table, n });
  }
  return hits;
}

describe('API keys: /v1/api-keys', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const create = (actor: Session, body: unknown) =>
    api.post<{ data: CreatedApiKey }>('/v1/api-keys', { token: actor.accessToken, body });
  const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

  describe('POST /v1/api-keys', () => {
    it('creates a key: 201 with the full key, shown this once', async () => {
      const owner = await signUp(api, 'key');

      const response = await create(owner, { name: 'Zendesk sync', role: 'admin' });

      expect(response.status).toBe(201);
      expect(Object.keys(response.body)).toEqual(['data']);
      const created = response.body.data;
      expect(Object.keys(created).sort()).toEqual(CREATED_FIELDS);
      expect(created).toEqual({
        id: expect.any(String),
        name: 'Zendesk sync',
        role: 'admin',
        prefix: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
        key: expect.stringMatching(KEY),
        createdAt: expect.stringMatching(ISO),
        expiresAt: null,
      });
      expect(created.key.startsWith(`dsk_${created.prefix}_`)).toBe(true);
      expect(await keyRow(created.id)).toMatchObject({
        organization_id: owner.organizationId,
        name: 'Zendesk sync',
        role: 'admin',
        prefix: created.prefix,
        created_by: owner.userId,
        expires_at: null,
        revoked_at: null,
      });
    });

    it('stores only the SHA-256 of the secret: the raw key appears nowhere in the database', async () => {
      const owner = await signUp(api, 'key-hash');
      const { body } = await create(owner, { name: 'Secret keeper', role: 'member' });
      const secret = secretOf(body.data.key);
      // Use it once, so that any write the authentication makes is covered too.
      expect((await api.get('/v1/auth/me', { apiKey: body.data.key })).status).toBe(200);

      const [row] = await sql('SELECT * FROM api_keys WHERE id = $1', [body.data.id]);
      expect(row.secret_hash).toBe(sha256(secret));
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(await rowsContaining(secret)).toEqual([]);
      expect(await rowsContaining(body.data.key)).toEqual([]);
    });

    it('lets an admin create a key with an expiry, and an admin key create another (recorded as creator)', async () => {
      const owner = await signUp(api, 'key-admin');
      const admin = await addMember(api, owner, 'admin');
      const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();

      const byAdmin = await create(admin, { name: 'Weekly export', role: 'member', expiresAt });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body.data).toMatchObject({ role: 'member', expiresAt });
      expect((await keyRow(byAdmin.body.data.id))?.expires_at).toEqual(new Date(expiresAt));

      const adminKey = await createApiKey(api, owner, 'admin');
      const byKey = await api.post<{ data: CreatedApiKey }>('/v1/api-keys', {
        apiKey: adminKey.key,
        body: { name: 'Minted by a key', role: 'admin' },
      });
      expect(byKey.status).toBe(201);
      expect(await keyRow(byKey.body.data.id)).toMatchObject({
        organization_id: owner.organizationId,
        created_by: adminKey.id,
      });
    });

    it('refuses members and member keys (403), whatever role they ask for, storing nothing', async () => {
      const owner = await signUp(api, 'key-member');
      const member = await addMember(api, owner, 'member');
      const memberKey = await createApiKey(api, owner, 'member');
      const before = await keyCount(owner.organizationId);

      for (const role of ['member', 'admin']) {
        expectError(await create(member, { name: 'Mine', role }), 403, 'forbidden');
        expectError(
          await api.post('/v1/api-keys', { apiKey: memberKey.key, body: { name: 'Mine', role } }),
          403,
          'forbidden',
        );
      }
      expect(await keyCount(owner.organizationId)).toBe(before);
      expectError(await api.post('/v1/api-keys', { body: { name: 'Anonymous', role: 'member' } }), 401, 'unauthorized');
    });

    it('refuses bad input with 422 naming the field, storing nothing', async () => {
      const owner = await signUp(api, 'key-bad');

      for (const [body, field] of [
        [{ role: 'member' }, 'name'],
        [{ name: '', role: 'member' }, 'name'],
        [{ name: 'x'.repeat(101), role: 'member' }, 'name'],
        [{ name: 7, role: 'member' }, 'name'],
        [{ name: 'Owner key', role: 'owner' }, 'role'],
        [{ name: 'No role' }, 'role'],
        [{ name: 'Past', role: 'member', expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
        [{ name: 'Garbage', role: 'member', expiresAt: 'next tuesday' }, 'expiresAt'],
        [{ name: 'Sneaky', role: 'member', prefix: 'aaaaaaaaaaaa' }, 'prefix'],
        [{ name: 'Sneaky', role: 'member', organizationId: MISSING_ID }, 'organizationId'],
      ] as const) {
        expectFieldProblem(expectError(await create(owner, body), 422, 'validation_failed'), field);
      }
      expect(await keyCount(owner.organizationId)).toBe(0);
    });
  });

  describe('GET /v1/api-keys', () => {
    it("lists the organization's keys newest first, never the key or its hash, never another organization's", async () => {
      const owner = await signUp(api, 'keys-list');
      const admin = await addMember(api, owner, 'admin');
      const older = (await create(owner, { name: 'Older', role: 'member' })).body.data;
      const newer = (await create(admin, { name: 'Newer', role: 'admin' })).body.data;
      const other = await signUp(api, 'keys-list-other');
      const foreign = await createApiKey(api, other, 'admin');

      const response = await api.get<Page<ApiKeyView>>('/v1/api-keys', { token: admin.accessToken });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        data: [
          {
            id: newer.id,
            name: 'Newer',
            role: 'admin',
            prefix: newer.prefix,
            createdBy: admin.userId,
            createdAt: newer.createdAt,
            expiresAt: null,
            lastUsedAt: null,
            revokedAt: null,
          },
          {
            id: older.id,
            name: 'Older',
            role: 'member',
            prefix: older.prefix,
            createdBy: owner.userId,
            createdAt: older.createdAt,
            expiresAt: null,
            lastUsedAt: null,
            revokedAt: null,
          },
        ],
        total: 2,
        skip: 0,
        limit: 20,
      });
      for (const item of response.body.data) expect(Object.keys(item).sort()).toEqual(VIEW_FIELDS);
      const text = JSON.stringify(response.body);
      for (const key of [older.key, newer.key]) {
        expect(text).not.toContain(secretOf(key));
        expect(text).not.toContain(sha256(secretOf(key)));
      }
      expect(text).not.toContain(foreign.id);
    });

    it('shows when a key was last used', async () => {
      const owner = await signUp(api, 'keys-used');
      const key = await createApiKey(api, owner, 'member');
      expect((await api.get('/v1/users', { apiKey: key.key })).status).toBe(200);

      const list = await api.get<Page<ApiKeyView>>('/v1/api-keys', { token: owner.accessToken });
      expect(list.body.data.find((k) => k.id === key.id)?.lastUsedAt).toMatch(ISO);
    });

    it('pages with skip and limit and reports the total', async () => {
      const owner = await signUp(api, 'keys-page');
      const ids: string[] = [];
      for (const name of ['one', 'two', 'three'])
        ids.push((await create(owner, { name, role: 'member' })).body.data.id);
      const page = (query: string) => api.get<Page<ApiKeyView>>(`/v1/api-keys?${query}`, { token: owner.accessToken });

      const tail = await page('limit=2&skip=2');
      expect({ ...tail.body, data: tail.body.data.map((k) => k.id) }).toEqual({
        data: [ids[0]],
        total: 3,
        skip: 2,
        limit: 2,
      });
      const head = await page('limit=2');
      expect(head.body.data.map((k) => k.id)).toEqual([ids[2], ids[1]]);
      expectFieldProblem(expectError(await page('skip=-1'), 422, 'validation_failed'), 'skip');
    });

    it('refuses members and member keys (403); an admin key may list', async () => {
      const owner = await signUp(api, 'keys-list-refused');
      const member = await addMember(api, owner, 'member');
      const memberKey = await createApiKey(api, owner, 'member');
      const adminKey = await createApiKey(api, owner, 'admin');

      expectError(await api.get('/v1/api-keys', { token: member.accessToken }), 403, 'forbidden');
      expectError(await api.get('/v1/api-keys', { apiKey: memberKey.key }), 403, 'forbidden');
      const byKey = await api.get<Page<ApiKeyView>>('/v1/api-keys', { apiKey: adminKey.key });
      expect(byKey.status).toBe(200);
      expect(byKey.body.total).toBe(2);
    });
  });

  describe('DELETE /v1/api-keys/:id', () => {
    it('revokes: the key is refused with 401 at once, under either header, and stays listed with revokedAt', async () => {
      const owner = await signUp(api, 'revoke-key');
      const admin = await addMember(api, owner, 'admin');
      const key = await createApiKey(api, owner, 'admin');
      expect((await api.get('/v1/users', { apiKey: key.key })).status).toBe(200);

      const response = await api.delete(`/v1/api-keys/${key.id}`, { token: admin.accessToken });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ message: 'API key revoked' });
      for (const options of [{ apiKey: key.key }, bearer(key.key)]) {
        const error = expectError(await api.get('/v1/users', options), 401, 'unauthorized');
        expect(error.message).toBe('Invalid, revoked or expired API key');
      }
      const row = await keyRow(key.id);
      expect(row?.revoked_at).toBeInstanceOf(Date);
      const list = await api.get<Page<ApiKeyView>>('/v1/api-keys', { token: owner.accessToken });
      expect(list.body.data.find((k) => k.id === key.id)?.revokedAt).toBe((row?.revoked_at as Date).toISOString());

      // Revoking again finds nothing to revoke and keeps the original time.
      expectError(await api.delete(`/v1/api-keys/${key.id}`, { token: owner.accessToken }), 404, 'not_found');
      expect((await keyRow(key.id))?.revoked_at).toEqual(row?.revoked_at);
    });

    it('refuses members and member keys (403); the key keeps working', async () => {
      const owner = await signUp(api, 'revoke-key-member');
      const member = await addMember(api, owner, 'member');
      const memberKey = await createApiKey(api, owner, 'member');
      const target = await createApiKey(api, owner, 'admin');

      expectError(await api.delete(`/v1/api-keys/${target.id}`, { token: member.accessToken }), 403, 'forbidden');
      expectError(await api.delete(`/v1/api-keys/${target.id}`, { apiKey: memberKey.key }), 403, 'forbidden');
      expectError(await api.delete(`/v1/api-keys/${memberKey.id}`, { apiKey: memberKey.key }), 403, 'forbidden');

      expect((await keyRow(target.id))?.revoked_at).toBeNull();
      expect((await keyRow(memberKey.id))?.revoked_at).toBeNull();
      expect((await api.get('/v1/users', { apiKey: target.key })).status).toBe(200);
    });

    it("answers 404 for another organization's key exactly as for a missing one; the key keeps working", async () => {
      const owner = await signUp(api, 'revoke-key-a');
      const other = await signUp(api, 'revoke-key-b');
      const foreign = await createApiKey(api, other, 'member');
      const ownKey = await createApiKey(api, owner, 'admin');
      const before = await keyRow(foreign.id);

      const byUser = expectError(
        await api.delete(`/v1/api-keys/${foreign.id}`, { token: owner.accessToken }),
        404,
        'not_found',
      );
      const byKey = expectError(
        await api.delete(`/v1/api-keys/${foreign.id}`, { apiKey: ownKey.key }),
        404,
        'not_found',
      );
      const missing = expectError(
        await api.delete(`/v1/api-keys/${MISSING_ID}`, { token: owner.accessToken }),
        404,
        'not_found',
      );
      expect([byUser.message, byKey.message, missing.message]).toEqual(Array(3).fill('API key not found'));

      expect(await keyRow(foreign.id)).toEqual(before);
      expect((await api.get('/v1/users', { apiKey: foreign.key })).status).toBe(200);
    });

    it('answers 422 naming id for a non-UUID id', async () => {
      const owner = await signUp(api, 'revoke-key-bad');
      const error = expectError(
        await api.delete('/v1/api-keys/dsk_nope', { token: owner.accessToken }),
        422,
        'validation_failed',
      );
      expect(error.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });
  });

  describe('Using a key', () => {
    it('authenticates with X-API-Key or Authorization: Bearer; /v1/auth/me answers the key and its organization', async () => {
      const owner = await signUp(api, 'use-key');
      const created = (await create(owner, { name: 'Me probe', role: 'member' })).body.data;

      for (const options of [{ apiKey: created.key }, bearer(created.key)]) {
        const response = await api.get<{ data: { apiKey: ApiKeyView; organization: { id: string } } }>(
          '/v1/auth/me',
          options,
        );
        expect(response.status).toBe(200);
        expect(Object.keys(response.body)).toEqual(['data']);
        expect(Object.keys(response.body.data).sort()).toEqual(['apiKey', 'organization']);
        expect(response.body.data.apiKey).toEqual({
          id: created.id,
          name: 'Me probe',
          role: 'member',
          prefix: created.prefix,
          createdBy: owner.userId,
          createdAt: created.createdAt,
          expiresAt: null,
          lastUsedAt: expect.stringMatching(ISO),
          revokedAt: null,
        });
        expect(response.body.data.organization).toMatchObject({ id: owner.organizationId, name: 'Org use-key' });
      }
    });

    it("acts with the key's role: an admin key manages members, a member key only reads", async () => {
      const owner = await signUp(api, 'key-role');
      const member = await addMember(api, owner, 'member');
      const adminKey = await createApiKey(api, owner, 'admin');
      const memberKey = await createApiKey(api, owner, 'member');

      const listed = await api.get<Page<{ id: string }>>('/v1/users', { apiKey: adminKey.key });
      expect(listed.status).toBe(200);
      expect(listed.body.data.map((u) => u.id)).toEqual([owner.userId, member.userId]);
      expect((await api.get('/v1/users', { apiKey: memberKey.key })).status).toBe(200);

      expectError(
        await api.patch(`/v1/users/${member.userId}`, { apiKey: memberKey.key, body: { name: 'By member key' } }),
        403,
        'forbidden',
      );
      expectError(
        await api.patch(`/v1/users/${owner.userId}`, { apiKey: adminKey.key, body: { role: 'member' } }),
        403,
        'forbidden',
      );
      const renamed = await api.patch<{ data: { name: string } }>(`/v1/users/${member.userId}`, {
        apiKey: adminKey.key,
        body: { name: 'By admin key' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data.name).toBe('By admin key');
      expect((await sql('SELECT role FROM users WHERE id = $1', [owner.userId]))[0]).toEqual({ role: 'owner' });
    });

    it("cannot reach another organization's user (404, same as missing)", async () => {
      const owner = await signUp(api, 'key-tenant-a');
      const other = await signUp(api, 'key-tenant-b');
      const key = await createApiKey(api, owner, 'admin');

      const error = expectError(await api.get(`/v1/users/${other.userId}`, { apiKey: key.key }), 404, 'not_found');
      expect(error.message).toBe('User not found');
      const listed = await api.get<Page<{ id: string }>>('/v1/users', bearer(key.key));
      expect(listed.body.data.map((u) => u.id)).toEqual([owner.userId]);
    });

    it('refuses an expired key with 401', async () => {
      const owner = await signUp(api, 'key-expired');
      const key = await createApiKey(api, owner, 'admin');
      expect((await api.get('/v1/auth/me', { apiKey: key.key })).status).toBe(200);
      await sql("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1", [key.id]);

      for (const options of [{ apiKey: key.key }, bearer(key.key)]) {
        const error = expectError(await api.get('/v1/auth/me', options), 401, 'unauthorized');
        expect(error.message).toBe('Invalid, revoked or expired API key');
      }
    });

    it('refuses a wrong secret, an unknown prefix and a malformed key with 401', async () => {
      const owner = await signUp(api, 'key-forged');
      const key = await createApiKey(api, owner, 'admin');
      const [, prefix, secret] = KEY.exec(key.key) as RegExpExecArray;
      const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;

      for (const forged of [
        `dsk_${prefix}_${flipped}`,
        `dsk_${'Z'.repeat(12)}_${secret}`,
        `dsk_${prefix}_${secret}x`,
        `dsk_${prefix}`,
        key.key.toUpperCase(),
      ]) {
        expectError(await api.get('/v1/users', { apiKey: forged }), 401, 'unauthorized');
        expectError(await api.get('/v1/users', bearer(forged)), 401, 'unauthorized');
      }
      expect((await api.get('/v1/users', { apiKey: key.key })).status).toBe(200);
    });
  });
});
