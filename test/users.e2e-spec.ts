import { addMember, ApiClient, type ApiResponse, createApiKey, type Session, signUp } from './support/api-client';
import { sql } from './support/database';
import { ISO, MISSING_ID, expectError } from './support/expect-envelope';
import { startTestApp, type TestApp } from './support/test-app';

interface UserView {
  twoFactorEnabled: boolean;
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  status: 'active' | 'disabled';
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const USER_FIELDS = [
  'createdAt',
  'email',
  'id',
  'lastLoginAt',
  'name',
  'organizationId',
  'role',
  'status',
  'twoFactorEnabled',
  'updatedAt',
];

const userRow = async (id: string): Promise<Record<string, unknown> | undefined> =>
  (await sql('SELECT * FROM users WHERE id = $1', [id]))[0];

const liveSessions = async (userId: string): Promise<number> =>
  (
    await sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM refresh_sessions WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    )
  )[0].n;

describe('Users: /v1/users', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const patch = (actor: Session, id: string, body: unknown) =>
    api.patch<{ data: UserView }>(`/v1/users/${id}`, { token: actor.accessToken, body });
  const remove = (actor: Session, id: string) => api.delete(`/v1/users/${id}`, { token: actor.accessToken });
  /** Makes `user` an owner (done by an owner), checking it worked. */
  async function makeOwner(owner: Session, user: Session): Promise<void> {
    const response = await patch(owner, user.userId, { role: 'owner' });
    expect(response.status).toBe(200);
  }

  describe('GET /v1/users', () => {
    it("lists the organization's people to a member, oldest first, never another organization's", async () => {
      const owner = await signUp(api, 'list');
      const admin = await addMember(api, owner, 'admin');
      const member = await addMember(api, owner, 'member');
      const stranger = await signUp(api, 'list-other');

      const response = await api.get<{ data: UserView[]; total: number; skip: number; limit: number }>('/v1/users', {
        token: member.accessToken,
      });

      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['data', 'limit', 'skip', 'total']);
      expect(response.body).toMatchObject({ total: 3, skip: 0, limit: 20 });
      expect(response.body.data.map((u) => [u.id, u.email, u.role, u.status])).toEqual([
        [owner.userId, owner.email, 'owner', 'active'],
        [admin.userId, admin.email, 'admin', 'active'],
        [member.userId, member.email, 'member', 'active'],
      ]);
      for (const user of response.body.data) {
        expect(Object.keys(user).sort()).toEqual(USER_FIELDS);
        expect(user.organizationId).toBe(owner.organizationId);
        expect(user.createdAt).toMatch(ISO);
      }
      expect(JSON.stringify(response.body)).not.toContain(stranger.userId);
    });

    it('pages with skip and limit and reports the total', async () => {
      const owner = await signUp(api, 'page');
      const first = await addMember(api, owner, 'member');
      const second = await addMember(api, owner, 'member');
      const third = await addMember(api, owner, 'member');
      const page = (query: string) =>
        api.get<{ data: UserView[]; total: number; skip: number; limit: number }>(`/v1/users?${query}`, {
          token: owner.accessToken,
        });

      const tail = await page('limit=2&skip=2');
      expect(tail.status).toBe(200);
      expect({ ...tail.body, data: tail.body.data.map((u) => u.id) }).toEqual({
        data: [second.userId, third.userId],
        total: 4,
        skip: 2,
        limit: 2,
      });

      const head = await page('limit=2');
      expect({ ...head.body, data: head.body.data.map((u) => u.id) }).toEqual({
        data: [owner.userId, first.userId],
        total: 4,
        skip: 0,
        limit: 2,
      });

      const beyond = await page('skip=4');
      expect(beyond.body).toEqual({ data: [], total: 4, skip: 4, limit: 20 });
    });

    it('refuses bad paging parameters with 422 naming the field', async () => {
      const owner = await signUp(api, 'page-bad');
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['skip=-1', 'skip'],
        ['skip=abc', 'skip'],
        ['role=admin', 'role'],
      ]) {
        const error = expectError(
          await api.get(`/v1/users?${query}`, { token: owner.accessToken }),
          422,
          'validation_failed',
        );
        expect(error.details?.map((d) => d.field)).toEqual(expect.arrayContaining([field]));
        expect(error.details?.every((d) => d.field === field)).toBe(true);
      }
    });

    it('answers 401 without credentials or with a forged token', async () => {
      expectError(await api.get('/v1/users'), 401, 'unauthorized');
      expectError(await api.get('/v1/users', { token: 'not.a.jwt' }), 401, 'unauthorized');
    });
  });

  describe('GET /v1/users/:id', () => {
    it('returns one user of the organization to a member', async () => {
      const owner = await signUp(api, 'get');
      const member = await addMember(api, owner, 'member');

      const response = await api.get<{ data: UserView }>(`/v1/users/${owner.userId}`, { token: member.accessToken });

      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['data']);
      expect(response.body.data).toEqual({
        id: owner.userId,
        organizationId: owner.organizationId,
        email: owner.email,
        name: 'Owner get',
        role: 'owner',
        status: 'active',
        lastLoginAt: expect.stringMatching(ISO),
        twoFactorEnabled: false,
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
    });

    it("answers 404 for another organization's user exactly as for a missing one", async () => {
      const owner = await signUp(api, 'get-a');
      const other = await signUp(api, 'get-b');

      const foreign = expectError(
        await api.get(`/v1/users/${other.userId}`, { token: owner.accessToken }),
        404,
        'not_found',
      );
      const missing = expectError(
        await api.get(`/v1/users/${MISSING_ID}`, { token: owner.accessToken }),
        404,
        'not_found',
      );
      expect(foreign.message).toBe('User not found');
      expect(missing.message).toBe(foreign.message);
      expect(JSON.stringify(foreign)).not.toContain(other.email);
    });

    it('answers 422 naming id for a non-UUID id, and 401 without credentials', async () => {
      const owner = await signUp(api, 'get-bad');
      const error = expectError(
        await api.get('/v1/users/not-a-uuid', { token: owner.accessToken }),
        422,
        'validation_failed',
      );
      expect(error.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      expectError(await api.get(`/v1/users/${owner.userId}`), 401, 'unauthorized');
    });
  });

  describe('PATCH /v1/users/:id', () => {
    it('lets a member rename themselves (trimmed), and nothing else changes', async () => {
      const owner = await signUp(api, 'rename');
      const member = await addMember(api, owner, 'member');
      const before = await userRow(member.userId);

      const response = await patch(member, member.userId, { name: '  Grace Hopper  ' });

      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({
        id: member.userId,
        name: 'Grace Hopper',
        role: 'member',
        status: 'active',
      });
      const after = await userRow(member.userId);
      expect(after).toMatchObject({ name: 'Grace Hopper', role: 'member', status: 'active' });
      expect(after?.password_hash).toBe(before?.password_hash);
      expect(after?.email).toBe(before?.email);
    });

    it('lets an admin rename, promote to admin and disable a member; the new role applies at once', async () => {
      const owner = await signUp(api, 'admin-manages');
      const admin = await addMember(api, owner, 'admin');
      const member = await addMember(api, owner, 'member');
      expectError(await api.get('/v1/invitations', { token: member.accessToken }), 403, 'forbidden');

      const renamed = await patch(admin, member.userId, { name: 'Renamed' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data.name).toBe('Renamed');

      const promoted = await patch(admin, member.userId, { role: 'admin' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.data.role).toBe('admin');
      expect(await userRow(member.userId)).toMatchObject({ role: 'admin', name: 'Renamed' });
      // The same access token now carries the new role: the guard re-reads the user.
      expect((await api.get('/v1/invitations', { token: member.accessToken })).status).toBe(200);

      const other = await addMember(api, owner, 'member');
      const disabled = await patch(admin, other.userId, { status: 'disabled' });
      expect(disabled.status).toBe(200);
      expect(disabled.body.data.status).toBe('disabled');
      expect(await userRow(other.userId)).toMatchObject({ status: 'disabled' });
    });

    it('disabling a user ends their access token and refresh token at once', async () => {
      const owner = await signUp(api, 'disable');
      const member = await addMember(api, owner, 'member');
      expect((await api.get('/v1/auth/me', { token: member.accessToken })).status).toBe(200);
      expect(await liveSessions(member.userId)).toBe(1);

      expect((await patch(owner, member.userId, { status: 'disabled' })).status).toBe(200);

      expectError(await api.get('/v1/auth/me', { token: member.accessToken }), 401, 'unauthorized');
      expectError(await api.get('/v1/users', { token: member.accessToken }), 401, 'unauthorized');
      expect(await liveSessions(member.userId)).toBe(0);
      expectError(
        await api.post('/v1/auth/refresh', { body: { refreshToken: member.refreshToken } }),
        401,
        'unauthorized',
      );
      expectError(
        await api.post('/v1/auth/login', { body: { email: member.email, password: member.password } }),
        401,
        'unauthorized',
      );
    });

    it('refuses a member changing someone else, or their own role or status (403, nothing changed)', async () => {
      const owner = await signUp(api, 'member-refused');
      const member = await addMember(api, owner, 'member');
      const peer = await addMember(api, owner, 'member');
      const rows = async () => [await userRow(owner.userId), await userRow(member.userId), await userRow(peer.userId)];
      const before = await rows();

      for (const [id, body] of [
        [peer.userId, { name: 'Hijacked' }],
        [peer.userId, { status: 'disabled' }],
        [owner.userId, { name: 'Hijacked' }],
        [member.userId, { role: 'admin' }],
        [member.userId, { status: 'disabled' }],
      ] as const) {
        const error = expectError(await patch(member, id, body), 403, 'forbidden');
        expect(error.message).toBe('You cannot change this user');
      }
      expect(await rows()).toEqual(before);
    });

    it('refuses an admin managing an admin or an owner, or granting owner (403, nothing changed)', async () => {
      const owner = await signUp(api, 'admin-refused');
      const admin = await addMember(api, owner, 'admin');
      const peer = await addMember(api, owner, 'admin');
      const member = await addMember(api, owner, 'member');
      const rows = () => Promise.all([owner, admin, peer, member].map((s) => userRow(s.userId)));
      const before = await rows();

      for (const [id, body] of [
        [peer.userId, { name: 'Hijacked' }],
        [peer.userId, { role: 'member' }],
        [peer.userId, { status: 'disabled' }],
        [owner.userId, { role: 'admin' }],
        [owner.userId, { status: 'disabled' }],
        [owner.userId, { name: 'Hijacked' }],
        [member.userId, { role: 'owner' }],
        [admin.userId, { role: 'owner' }],
      ] as const) {
        expectError(await patch(admin, id, body), 403, 'forbidden');
      }
      expect(await rows()).toEqual(before);
    });

    it('lets an owner make and unmake owners and manage admins', async () => {
      const owner = await signUp(api, 'owner-manages');
      const admin = await addMember(api, owner, 'admin');
      const other = await addMember(api, owner, 'admin');

      const demoted = await patch(owner, other.userId, { role: 'member', name: 'Demoted' });
      expect(demoted.status).toBe(200);
      expect(demoted.body.data).toMatchObject({ role: 'member', name: 'Demoted' });

      const promoted = await patch(owner, admin.userId, { role: 'owner' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.data.role).toBe('owner');

      // The new owner may now unmake the first one.
      const unmade = await patch(admin, owner.userId, { role: 'admin' });
      expect(unmade.status).toBe(200);
      expect(unmade.body.data.role).toBe('admin');
      expect(
        await sql('SELECT id, role FROM users WHERE organization_id = $1 ORDER BY created_at', [owner.organizationId]),
      ).toEqual([
        { id: owner.userId, role: 'admin' },
        { id: admin.userId, role: 'owner' },
        { id: other.userId, role: 'member' },
      ]);
    });

    it('refuses to demote or disable the last active owner (409, nothing changed)', async () => {
      const owner = await signUp(api, 'last-owner');
      const before = await userRow(owner.userId);

      for (const body of [{ role: 'admin' }, { role: 'member' }, { status: 'disabled' }]) {
        const error = expectError(await patch(owner, owner.userId, body), 409, 'conflict');
        expect(error.message).toBe('An organization needs at least one active owner');
      }
      expect(await userRow(owner.userId)).toEqual(before);

      // A disabled second owner does not count.
      const second = await addMember(api, owner, 'admin');
      await makeOwner(owner, second);
      expect((await patch(owner, second.userId, { status: 'disabled' })).status).toBe(200);
      expectError(await patch(owner, owner.userId, { role: 'admin' }), 409, 'conflict');
      expect(await userRow(owner.userId)).toMatchObject({ role: 'owner', status: 'active' });

      // With another active owner, stepping down is allowed.
      expect((await patch(owner, second.userId, { status: 'active' })).status).toBe(200);
      const steppedDown = await patch(owner, owner.userId, { role: 'admin' });
      expect(steppedDown.status).toBe(200);
      expect(steppedDown.body.data.role).toBe('admin');
    });

    it('of two owners stepping down at once, exactly one succeeds and the other gets 409', async () => {
      for (let round = 0; round < 5; round++) {
        const first = await signUp(api, `race-${round}`);
        const second = await addMember(api, first, 'admin');
        await makeOwner(first, second);

        const answers = await Promise.all([
          patch(first, first.userId, { role: 'admin' }),
          patch(second, second.userId, { role: 'admin' }),
        ]);

        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        const refused = answers.find((a) => a.status === 409);
        expectError(refused as ApiResponse<unknown>, 409, 'conflict');
        const owners = await sql(
          "SELECT id FROM users WHERE organization_id = $1 AND role = 'owner' AND status = 'active'",
          [first.organizationId],
        );
        expect(owners).toHaveLength(1);
      }
    });

    it("answers 404 for another organization's user, and changes nothing", async () => {
      const owner = await signUp(api, 'patch-a');
      const other = await signUp(api, 'patch-b');
      const victim = await addMember(api, other, 'member');
      const before = await userRow(victim.userId);
      const adminKey = await createApiKey(api, owner, 'admin');

      for (const body of [{ name: 'Hijacked' }, { role: 'admin' }, { status: 'disabled' }]) {
        const error = expectError(await patch(owner, victim.userId, body), 404, 'not_found');
        expect(error.message).toBe('User not found');
        const byKey = await api.patch(`/v1/users/${victim.userId}`, { apiKey: adminKey.key, body });
        expect(expectError(byKey, 404, 'not_found').message).toBe('User not found');
      }
      expect(expectError(await patch(owner, MISSING_ID, { name: 'x' }), 404, 'not_found').message).toBe(
        'User not found',
      );
      expect(await userRow(victim.userId)).toEqual(before);
      expect(await liveSessions(victim.userId)).toBe(1);
    });

    it('refuses bad input with 422 naming the field, and changes nothing', async () => {
      const owner = await signUp(api, 'patch-bad');
      const member = await addMember(api, owner, 'member');
      const before = await userRow(member.userId);

      for (const [body, field] of [
        [{ role: 'superuser' }, 'role'],
        [{ role: null }, 'role'],
        [{ status: 'deleted' }, 'status'],
        [{ status: null }, 'status'],
        [{ name: '' }, 'name'],
        [{ name: '    ' }, 'name'],
        [{ name: 'x'.repeat(121) }, 'name'],
        [{ name: null }, 'name'],
        [{ name: 42 }, 'name'],
        [{ email: 'new@example.com' }, 'email'],
        [{ organizationId: MISSING_ID }, 'organizationId'],
      ] as const) {
        const error = expectError(await patch(owner, member.userId, body), 422, 'validation_failed');
        expect(error.details?.length).toBeGreaterThan(0);
        expect(error.details?.every((d) => d.field === field)).toBe(true);
      }
      const badId = expectError(await patch(owner, 'not-a-uuid', { name: 'x' }), 422, 'validation_failed');
      expect(badId.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      expect(await userRow(member.userId)).toEqual(before);
    });

    it('is documented with every field optional', async () => {
      const doc = await api.get<{
        components: { schemas: Record<string, { required?: string[]; properties: object }> };
      }>('/docs/json');
      const schema = doc.body.components.schemas.UpdateUserDto;
      expect(Object.keys(schema.properties).sort()).toEqual(['name', 'role', 'status']);
      expect(schema.required ?? []).toEqual([]);
    });
  });

  describe('DELETE /v1/users/:id', () => {
    it('lets an admin remove a member: the row is gone and their tokens stop working', async () => {
      const owner = await signUp(api, 'delete');
      const admin = await addMember(api, owner, 'admin');
      const member = await addMember(api, owner, 'member');

      const response = await remove(admin, member.userId);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ message: 'User removed' });
      expect(await userRow(member.userId)).toBeUndefined();
      expect(await sql('SELECT id FROM refresh_sessions WHERE user_id = $1', [member.userId])).toEqual([]);
      expectError(await api.get('/v1/auth/me', { token: member.accessToken }), 401, 'unauthorized');
      expectError(
        await api.post('/v1/auth/refresh', { body: { refreshToken: member.refreshToken } }),
        401,
        'unauthorized',
      );
      expectError(await api.get(`/v1/users/${member.userId}`, { token: owner.accessToken }), 404, 'not_found');
    });

    it('lets an owner remove an admin and another owner', async () => {
      const owner = await signUp(api, 'owner-deletes');
      const admin = await addMember(api, owner, 'admin');
      const coOwner = await addMember(api, owner, 'admin');
      await makeOwner(owner, coOwner);

      expect((await remove(owner, admin.userId)).status).toBe(200);
      expect((await remove(owner, coOwner.userId)).status).toBe(200);
      expect(await sql('SELECT id FROM users WHERE organization_id = $1', [owner.organizationId])).toEqual([
        { id: owner.userId },
      ]);
    });

    it('refuses a member (403) and an admin removing an admin or an owner (403); nothing removed', async () => {
      const owner = await signUp(api, 'delete-refused');
      const admin = await addMember(api, owner, 'admin');
      const peer = await addMember(api, owner, 'admin');
      const member = await addMember(api, owner, 'member');
      const memberKey = await createApiKey(api, owner, 'member');

      expectError(await remove(member, peer.userId), 403, 'forbidden');
      expectError(await remove(member, member.userId), 403, 'forbidden');
      expectError(await api.delete(`/v1/users/${member.userId}`, { apiKey: memberKey.key }), 403, 'forbidden');
      expectError(await remove(admin, peer.userId), 403, 'forbidden');
      expectError(await remove(admin, owner.userId), 403, 'forbidden');

      const ids = await sql<{ id: string }>('SELECT id FROM users WHERE organization_id = $1', [owner.organizationId]);
      expect(ids.map((r) => r.id).sort()).toEqual([owner.userId, admin.userId, peer.userId, member.userId].sort());
    });

    it('refuses to remove the last active owner (409), and allows it once there is another', async () => {
      const owner = await signUp(api, 'delete-last');
      const error = expectError(await remove(owner, owner.userId), 409, 'conflict');
      expect(error.message).toBe('An organization needs at least one active owner');
      expect(await userRow(owner.userId)).toMatchObject({ role: 'owner', status: 'active' });

      const second = await addMember(api, owner, 'admin');
      await makeOwner(owner, second);
      expect((await remove(owner, owner.userId)).status).toBe(200);
      expect(await userRow(owner.userId)).toBeUndefined();
      expectError(await remove(second, second.userId), 409, 'conflict');
    });

    it('of two owners leaving at once, exactly one is removed and the other gets 409', async () => {
      for (let round = 0; round < 5; round++) {
        const first = await signUp(api, `leave-${round}`);
        const second = await addMember(api, first, 'admin');
        await makeOwner(first, second);

        const answers = await Promise.all([remove(first, first.userId), remove(second, second.userId)]);

        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        expectError(answers.find((a) => a.status === 409) as ApiResponse<unknown>, 409, 'conflict');
        const left = await sql("SELECT id FROM users WHERE organization_id = $1 AND role = 'owner'", [
          first.organizationId,
        ]);
        expect(left).toHaveLength(1);
      }
    });

    it("answers 404 for another organization's user or a missing one, and removes nothing", async () => {
      const owner = await signUp(api, 'delete-a');
      const other = await signUp(api, 'delete-b');
      const victim = await addMember(api, other, 'member');
      const adminKey = await createApiKey(api, owner, 'admin');

      expect(expectError(await remove(owner, victim.userId), 404, 'not_found').message).toBe('User not found');
      expect(expectError(await remove(owner, other.userId), 404, 'not_found').message).toBe('User not found');
      expectError(await api.delete(`/v1/users/${victim.userId}`, { apiKey: adminKey.key }), 404, 'not_found');
      expect(expectError(await remove(owner, MISSING_ID), 404, 'not_found').message).toBe('User not found');

      expect(await userRow(victim.userId)).toMatchObject({ status: 'active' });
      expect(await userRow(other.userId)).toMatchObject({ status: 'active' });
      expect((await api.get('/v1/auth/me', { token: victim.accessToken })).status).toBe(200);
    });

    it('answers 422 naming id for a non-UUID id', async () => {
      const owner = await signUp(api, 'delete-bad');
      const error = expectError(await remove(owner, 'not-a-uuid'), 422, 'validation_failed');
      expect(error.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      expect(await userRow(owner.userId)).toBeDefined();
    });
  });
});
