import { addMember, ApiClient, createApiKey, type Session, signUp, uniqueEmail } from './support/api-client';
import { sql } from './support/database';
import { expectError, expectFieldProblem } from './support/expect-envelope';
import { startTestApp, type TestApp } from './support/test-app';

interface Revoked {
  apiKeyIds: string[];
  invitationIds: string[];
}

/** Authority does not outlive its grantor: keys and invitations die with the authority that granted them. */
describe('delegated authority', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const me = (apiKey: string) => api.get('/v1/auth/me', { apiKey });
  const invite = (by: { token?: string; apiKey?: string }, role: 'admin' | 'member') =>
    api.post<{ data: { id: string; token: string } }>('/v1/invitations', {
      ...by,
      body: { email: uniqueEmail('invitee'), role },
    });
  const accept = (token: string) =>
    api.post('/v1/invitations/accept', { body: { token, name: 'Invitee', password: 'a fine passphrase' } });
  const keyBy = (grantor: Session, role: 'admin' | 'member') =>
    api.post<{ data: { id: string; key: string } }>('/v1/api-keys', {
      token: grantor.accessToken,
      body: { name: `${role} by grantor`, role },
    });

  /** An admin who granted an admin key, a member key, an admin invitation and a member invitation. */
  async function grantor(owner: Session) {
    const admin = await addMember(api, owner, 'admin');
    const adminKey = (await keyBy(admin, 'admin')).body.data;
    const memberKey = (await keyBy(admin, 'member')).body.data;
    const adminInvitation = (await invite({ token: admin.accessToken }, 'admin')).body.data;
    const memberInvitation = (await invite({ token: admin.accessToken }, 'member')).body.data;
    return { admin, adminKey, memberKey, adminInvitation, memberInvitation };
  }

  it('demoting an admin revokes the admin keys and admin invitations they created, and says so', async () => {
    const owner = await signUp(api, 'demote');
    const d = await grantor(owner);
    const demoted = await api.patch<{ data: { role: string; revoked: Revoked } }>(`/v1/users/${d.admin.userId}`, {
      token: owner.accessToken,
      body: { role: 'member' },
    });
    expect(demoted.status).toBe(200);
    expect(demoted.body.data.role).toBe('member');
    expect(demoted.body.data.revoked).toEqual({
      apiKeyIds: [d.adminKey.id],
      invitationIds: [d.adminInvitation.id],
    });
    expect((await me(d.adminKey.key)).status).toBe(401);
    expect((await me(d.memberKey.key)).status).toBe(200);
    expectError(await accept(d.adminInvitation.token), 404, 'not_found');
    expect((await accept(d.memberInvitation.token)).status).toBe(201);
  });

  it('removing a user revokes every key and pending invitation they created, and says so', async () => {
    const owner = await signUp(api, 'remove');
    const d = await grantor(owner);
    await api.patch(`/v1/users/${d.admin.userId}`, { token: owner.accessToken, body: { role: 'member' } });
    const removed = await api.delete(`/v1/users/${d.admin.userId}`, { token: owner.accessToken });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({
      message: 'User removed; revoked 1 API key and 1 pending invitation granted with authority it no longer has',
    });
    expect((await me(d.memberKey.key)).status).toBe(401);
    expectError(await accept(d.memberInvitation.token), 404, 'not_found');
    const live = await sql('SELECT 1 FROM api_keys WHERE created_by = $1 AND revoked_at IS NULL', [d.admin.userId]);
    expect(live).toHaveLength(0);
  });

  it('disabling a user revokes every key and pending invitation they created, and says so', async () => {
    const owner = await signUp(api, 'disable');
    const d = await grantor(owner);
    const disabled = await api.patch<{ data: { status: string; revoked: Revoked } }>(`/v1/users/${d.admin.userId}`, {
      token: owner.accessToken,
      body: { status: 'disabled' },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.data.status).toBe('disabled');
    expect(disabled.body.data.revoked.apiKeyIds.sort()).toEqual([d.adminKey.id, d.memberKey.id].sort());
    expect(disabled.body.data.revoked.invitationIds.sort()).toEqual(
      [d.adminInvitation.id, d.memberInvitation.id].sort(),
    );
    expect((await me(d.adminKey.key)).status).toBe(401);
    expect((await me(d.memberKey.key)).status).toBe(401);
    expectError(await accept(d.memberInvitation.token), 404, 'not_found');
  });

  it('reproduces the report: demoted then deleted admin D leaves no working key and no acceptable invitation', async () => {
    const owner = await signUp(api, 'report');
    const d = await grantor(owner);
    await api.patch(`/v1/users/${d.admin.userId}`, { token: owner.accessToken, body: { role: 'member' } });
    await api.delete(`/v1/users/${d.admin.userId}`, { token: owner.accessToken });
    expect((await me(d.adminKey.key)).status).toBe(401);
    expect((await accept(d.adminInvitation.token)).status).toBe(404);
  });

  it("revokes, with a grantor's keys, the keys those keys created and the invitations they sent", async () => {
    const owner = await signUp(api, 'chain');
    const admin = await addMember(api, owner, 'admin');
    const first = (await keyBy(admin, 'admin')).body.data;
    const second = (
      await api.post<{ data: { id: string; key: string } }>('/v1/api-keys', {
        apiKey: first.key,
        body: { name: 'made by a key', role: 'admin' },
      })
    ).body.data;
    const byKey = (await invite({ apiKey: second.key }, 'member')).body.data;
    expect(byKey.token).toEqual(expect.any(String));
    const removed = await api.delete(`/v1/users/${admin.userId}`, { token: owner.accessToken });
    expect(removed.body).toEqual({
      message: 'User removed; revoked 2 API keys and 1 pending invitation granted with authority it no longer has',
    });
    expect((await me(first.key)).status).toBe(401);
    expect((await me(second.key)).status).toBe(401);
    expect((await accept(byKey.token)).status).toBe(404);
  });

  it('revoking a key revokes the keys it created and its pending invitations, not its siblings', async () => {
    const owner = await signUp(api, 'key-chain');
    const parent = await createApiKey(api, owner, 'admin');
    const sibling = await createApiKey(api, owner, 'admin');
    const child = (
      await api.post<{ data: { id: string; key: string } }>('/v1/api-keys', {
        apiKey: parent.key,
        body: { name: 'child', role: 'admin' },
      })
    ).body.data;
    const invitation = (await invite({ apiKey: child.key }, 'admin')).body.data;
    const revoked = await api.delete(`/v1/api-keys/${parent.id}`, { token: owner.accessToken });
    expect(revoked.body).toEqual({
      message: 'API key revoked; revoked 1 API key and 1 pending invitation granted with authority it no longer has',
    });
    expect((await me(child.key)).status).toBe(401);
    expect((await me(sibling.key)).status).toBe(200);
    expect((await accept(invitation.token)).status).toBe(404);
  });

  it('leaves alone what was granted within the new role, and what other people granted', async () => {
    const owner = await signUp(api, 'keep');
    const d = await grantor(owner);
    const ownersKey = await createApiKey(api, owner, 'admin');
    const promoted = await api.patch<{ data: { revoked: Revoked } }>(`/v1/users/${d.admin.userId}`, {
      token: owner.accessToken,
      body: { role: 'owner' },
    });
    expect(promoted.body.data.revoked).toEqual({ apiKeyIds: [], invitationIds: [] });
    expect((await me(d.adminKey.key)).status).toBe(200);
    await api.patch(`/v1/users/${d.admin.userId}`, { token: owner.accessToken, body: { role: 'admin' } });
    expect((await me(d.adminKey.key)).status).toBe(200);
    expect((await me(ownersKey.key)).status).toBe(200);
  });

  describe('keys created by keys', () => {
    it('an admin key expiring in 60 s gives the key it creates the same expiry, never none', async () => {
      const owner = await signUp(api, 'expiry');
      const expiresAt = new Date(Date.now() + 60_000).toISOString();
      const short = await api.post<{ data: { key: string } }>('/v1/api-keys', {
        token: owner.accessToken,
        body: { name: 'short-lived', role: 'admin', expiresAt },
      });
      const minted = await api.post<{ data: { expiresAt: string | null } }>('/v1/api-keys', {
        apiKey: short.body.data.key,
        body: { name: 'minted', role: 'admin' },
      });
      expect(minted.status).toBe(201);
      expect(minted.body.data.expiresAt).toBe(expiresAt);

      const sooner = new Date(Date.now() + 30_000).toISOString();
      const shorter = await api.post<{ data: { expiresAt: string | null } }>('/v1/api-keys', {
        apiKey: short.body.data.key,
        body: { name: 'sooner', role: 'member', expiresAt: sooner },
      });
      expect(shorter.body.data.expiresAt).toBe(sooner);
    });

    it('refuses a key outliving its creator (422), storing nothing', async () => {
      const owner = await signUp(api, 'outlive');
      const creator = await api.post<{ data: { key: string } }>('/v1/api-keys', {
        token: owner.accessToken,
        body: { name: 'admin, one hour', role: 'admin', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      });
      const before = await sql('SELECT id FROM api_keys WHERE organization_id = $1', [owner.organizationId]);
      const later = await api.post('/v1/api-keys', {
        apiKey: creator.body.data.key,
        body: { name: 'later', role: 'member', expiresAt: new Date(Date.now() + 7_200_000).toISOString() },
      });
      expectFieldProblem(expectError(later, 422, 'validation_failed'), 'expiresAt');
      expect(await sql('SELECT id FROM api_keys WHERE organization_id = $1', [owner.organizationId])).toEqual(before);
    });
  });
});
