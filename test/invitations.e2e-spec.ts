import { createHash } from 'node:crypto';
import { addMember, ApiClient, createApiKey, type Session, signUp, uniqueEmail } from './support/api-client';
import { sql } from './support/database';
import { ISO, MISSING_ID, expectError, expectFieldProblem } from './support/expect-envelope';
import { startTestApp, type TestApp } from './support/test-app';

interface InvitationView {
  id: string;
  email: string;
  role: 'admin' | 'member';
  invitedBy: string;
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
}
type CreatedInvitation = InvitationView & { token: string };

interface SessionBody {
  data: {
    user: Record<string, unknown> & { id: string };
    organization: Record<string, unknown> & { id: string };
    tokens: { accessToken: string; refreshToken: string; expiresIn: number };
  };
}

const INVITATION_FIELDS = ['acceptedAt', 'createdAt', 'email', 'expiresAt', 'id', 'invitedBy', 'role'];
const PASSWORD = 'a perfectly fine passphrase';
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

const invitationRow = async (id: string): Promise<Record<string, unknown> | undefined> =>
  (await sql('SELECT * FROM invitations WHERE id = $1', [id]))[0];
const invitationCount = async (organizationId: string): Promise<number> =>
  (
    await sql<{ n: number }>('SELECT count(*)::int AS n FROM invitations WHERE organization_id = $1', [organizationId])
  )[0].n;
const usersWithEmail = (email: string) => sql('SELECT id, organization_id, role FROM users WHERE email = $1', [email]);

describe('Invitations: /v1/invitations', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const invite = (inviter: Session, body: unknown) =>
    api.post<{ data: CreatedInvitation }>('/v1/invitations', { token: inviter.accessToken, body });
  async function invited(inviter: Session, role: 'admin' | 'member' = 'member', email = uniqueEmail('invitee')) {
    const response = await invite(inviter, { email, role });
    expect(response.status).toBe(201);
    return response.body.data;
  }
  const accept = (body: unknown) => api.post<SessionBody>('/v1/invitations/accept', { body });

  describe('POST /v1/invitations', () => {
    it('keeps one pending invitation per email when several admins invite it at once', async () => {
      const owner = await signUp(api, 'invite-race');
      const email = uniqueEmail('raced');
      const answers = await Promise.all(Array.from({ length: 5 }, () => invite(owner, { email, role: 'member' })));
      expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
      expect(answers.some((a) => a.status === 201)).toBe(true);
      for (const refused of answers.filter((a) => a.status === 409)) expectError(refused, 409, 'conflict');
      const pending = await sql('SELECT 1 FROM invitations WHERE email = $1 AND accepted_at IS NULL', [email]);
      expect(pending).toHaveLength(1);
    });

    it('lets an admin invite: 201 with a one-time token, the email normalized, only the hash stored', async () => {
      const owner = await signUp(api, 'invite');
      const admin = await addMember(api, owner, 'admin');
      const email = uniqueEmail('new');
      const sentAt = Date.now();

      const response = await invite(admin, { email: `  ${email.toUpperCase()} `, role: 'member' });

      expect(response.status).toBe(201);
      expect(Object.keys(response.body)).toEqual(['data']);
      const created = response.body.data;
      expect(Object.keys(created).sort()).toEqual([...INVITATION_FIELDS, 'token'].sort());
      expect(created).toEqual({
        id: expect.any(String),
        email,
        role: 'member',
        invitedBy: admin.userId,
        expiresAt: expect.stringMatching(ISO),
        acceptedAt: null,
        createdAt: expect.stringMatching(ISO),
        token: expect.stringMatching(/^inv_[A-Za-z0-9_-]{43}$/),
      });
      // 72 hours by default.
      const ttl = Date.parse(created.expiresAt) - sentAt;
      expect(ttl).toBeGreaterThan(72 * 3_600_000 - 60_000);
      expect(ttl).toBeLessThan(72 * 3_600_000 + 60_000);

      const row = await invitationRow(created.id);
      expect(row).toMatchObject({
        organization_id: owner.organizationId,
        email,
        role: 'member',
        invited_by: admin.userId,
        accepted_at: null,
        token_hash: sha256(created.token),
      });
      expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    });

    it('lets an owner invite an admin, and an admin API key invite (recorded as the inviter)', async () => {
      const owner = await signUp(api, 'invite-key');
      const byOwner = await invited(owner, 'admin');
      expect(byOwner).toMatchObject({ role: 'admin', invitedBy: owner.userId });

      const key = await createApiKey(api, owner, 'admin');
      const response = await api.post<{ data: CreatedInvitation }>('/v1/invitations', {
        apiKey: key.key,
        body: { email: uniqueEmail('by-key'), role: 'member' },
      });
      expect(response.status).toBe(201);
      expect(response.body.data.invitedBy).toBe(key.id);
      expect(await invitationRow(response.body.data.id)).toMatchObject({
        organization_id: owner.organizationId,
        invited_by: key.id,
      });
    });

    it('replaces a pending invitation for the same email: the old token no longer works', async () => {
      const owner = await signUp(api, 'reinvite');
      const email = uniqueEmail('twice');
      const first = await invited(owner, 'admin', email);
      const second = await invited(owner, 'member', email);

      expect(await invitationRow(first.id)).toBeUndefined();
      expect(await sql('SELECT id FROM invitations WHERE email = $1', [email])).toEqual([{ id: second.id }]);
      expectError(await accept({ token: first.token, name: 'Old', password: PASSWORD }), 404, 'not_found');
      const accepted = await accept({ token: second.token, name: 'New', password: PASSWORD });
      expect(accepted.status).toBe(201);
      expect(accepted.body.data.user.role).toBe('member');
    });

    it('refuses members and member API keys (403), storing nothing', async () => {
      const owner = await signUp(api, 'invite-member');
      const member = await addMember(api, owner, 'member');
      const memberKey = await createApiKey(api, owner, 'member');
      const before = await invitationCount(owner.organizationId);

      for (const role of ['member', 'admin']) {
        expectError(await invite(member, { email: uniqueEmail('nope'), role }), 403, 'forbidden');
        expectError(
          await api.post('/v1/invitations', { apiKey: memberKey.key, body: { email: uniqueEmail('nope'), role } }),
          403,
          'forbidden',
        );
      }
      expect(await invitationCount(owner.organizationId)).toBe(before);
      expectError(
        await api.post('/v1/invitations', { body: { email: uniqueEmail('anon'), role: 'member' } }),
        401,
        'unauthorized',
      );
    });

    it('refuses an email already in this organization (409), storing nothing', async () => {
      const owner = await signUp(api, 'invite-taken');
      const member = await addMember(api, owner, 'member');
      const before = await invitationCount(owner.organizationId);

      for (const email of [member.email, owner.email.toUpperCase()]) {
        const error = expectError(await invite(owner, { email, role: 'member' }), 409, 'conflict');
        expect(error.message).toBe('This person is already a member of the organization');
      }
      expect(await invitationCount(owner.organizationId)).toBe(before);
    });

    it('answers an email with an account elsewhere exactly like an unknown one; accepting it fails like a bad token', async () => {
      const owner = await signUp(api, 'invite-enumerate');
      const elsewhere = await signUp(api, 'invite-enumerate-other');
      const known = await invite(owner, { email: elsewhere.email, role: 'member' });
      const unknown = await invite(owner, { email: uniqueEmail('nobody'), role: 'member' });
      expect([known.status, unknown.status]).toEqual([201, 201]);
      const shape = (body: unknown) => Object.keys((body as { data: object }).data).sort();
      expect(shape(known.body)).toEqual(shape(unknown.body));

      const token = (known.body as { data: { token: string } }).data.token;
      const refused = expectError(await accept({ token, name: 'Other', password: PASSWORD }), 404, 'not_found');
      const bogus = expectError(
        await accept({ token: 'inv_bogus', name: 'Other', password: PASSWORD }),
        404,
        'not_found',
      );
      expect(refused.message).toBe(bogus.message);
      expect(await usersWithEmail(elsewhere.email)).toHaveLength(1);
    });

    it('refuses bad input with 422 naming the field, storing nothing', async () => {
      const owner = await signUp(api, 'invite-bad');
      const before = await invitationCount(owner.organizationId);

      for (const [body, field] of [
        [{ email: 'not-an-email', role: 'member' }, 'email'],
        [{ role: 'member' }, 'email'],
        [{ email: `${'x'.repeat(250)}@example.com`, role: 'member' }, 'email'],
        [{ email: uniqueEmail('r'), role: 'owner' }, 'role'],
        [{ email: uniqueEmail('r'), role: 'superuser' }, 'role'],
        [{ email: uniqueEmail('r') }, 'role'],
        [{ email: uniqueEmail('r'), role: 'member', organizationId: MISSING_ID }, 'organizationId'],
      ] as const) {
        expectFieldProblem(expectError(await invite(owner, body), 422, 'validation_failed'), field);
      }
      expect(await invitationCount(owner.organizationId)).toBe(before);
    });
  });

  describe('GET /v1/invitations', () => {
    it("lists the organization's invitations newest first, without tokens, never another organization's", async () => {
      const owner = await signUp(api, 'list-inv');
      const admin = await addMember(api, owner, 'admin');
      const older = await invited(owner, 'member');
      const newer = await invited(admin, 'admin');
      const other = await signUp(api, 'list-inv-other');
      const foreign = await invited(other, 'member');

      const response = await api.get<{ data: InvitationView[]; total: number; skip: number; limit: number }>(
        '/v1/invitations',
        { token: admin.accessToken },
      );

      expect(response.status).toBe(200);
      // The admin's own (accepted) invitation is listed too, with acceptedAt.
      expect(response.body).toMatchObject({ total: 3, skip: 0, limit: 20 });
      expect(response.body.data.map((i) => i.id).slice(0, 2)).toEqual([newer.id, older.id]);
      expect(response.body.data[0]).toEqual({ ...newer, token: undefined });
      const own = response.body.data[2];
      expect(own).toMatchObject({ email: admin.email, role: 'admin', invitedBy: owner.userId });
      expect(own.acceptedAt).toMatch(ISO);
      for (const item of response.body.data) expect(Object.keys(item).sort()).toEqual(INVITATION_FIELDS);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(foreign.id);
      expect(text).not.toContain(newer.token);
      expect(text).not.toContain(sha256(newer.token));
    });

    it('pages with skip and limit and reports the total', async () => {
      const owner = await signUp(api, 'page-inv');
      const first = await invited(owner);
      const second = await invited(owner);
      const third = await invited(owner);
      const page = (query: string) =>
        api.get<{ data: InvitationView[]; total: number; skip: number; limit: number }>(`/v1/invitations?${query}`, {
          token: owner.accessToken,
        });

      const head = await page('limit=2');
      expect({ ...head.body, data: head.body.data.map((i) => i.id) }).toEqual({
        data: [third.id, second.id],
        total: 3,
        skip: 0,
        limit: 2,
      });
      const tail = await page('limit=2&skip=2');
      expect({ ...tail.body, data: tail.body.data.map((i) => i.id) }).toEqual({
        data: [first.id],
        total: 3,
        skip: 2,
        limit: 2,
      });
      expectFieldProblem(expectError(await page('limit=101'), 422, 'validation_failed'), 'limit');
    });

    it('refuses members and member API keys (403)', async () => {
      const owner = await signUp(api, 'list-inv-member');
      const member = await addMember(api, owner, 'member');
      const memberKey = await createApiKey(api, owner, 'member');
      expectError(await api.get('/v1/invitations', { token: member.accessToken }), 403, 'forbidden');
      expectError(await api.get('/v1/invitations', { apiKey: memberKey.key }), 403, 'forbidden');
      expectError(await api.get('/v1/invitations'), 401, 'unauthorized');
    });
  });

  describe('DELETE /v1/invitations/:id', () => {
    it('revokes: the row is gone, the list no longer shows it, and its token cannot be accepted (404)', async () => {
      const owner = await signUp(api, 'revoke');
      const admin = await addMember(api, owner, 'admin');
      const invitation = await invited(owner);

      const response = await api.delete(`/v1/invitations/${invitation.id}`, { token: admin.accessToken });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ message: 'Invitation revoked' });
      expect(await invitationRow(invitation.id)).toBeUndefined();
      const list = await api.get<{ data: InvitationView[] }>('/v1/invitations', { token: owner.accessToken });
      expect(list.body.data.map((i) => i.id)).not.toContain(invitation.id);
      const error = expectError(
        await accept({ token: invitation.token, name: 'Too Late', password: PASSWORD }),
        404,
        'not_found',
      );
      expect(error.message).toBe('Invitation not found');
      expect(await usersWithEmail(invitation.email)).toEqual([]);
    });

    it('refuses members and member API keys (403); the invitation still works', async () => {
      const owner = await signUp(api, 'revoke-member');
      const member = await addMember(api, owner, 'member');
      const memberKey = await createApiKey(api, owner, 'member');
      const invitation = await invited(owner);
      const before = await invitationRow(invitation.id);

      expectError(
        await api.delete(`/v1/invitations/${invitation.id}`, { token: member.accessToken }),
        403,
        'forbidden',
      );
      expectError(await api.delete(`/v1/invitations/${invitation.id}`, { apiKey: memberKey.key }), 403, 'forbidden');

      expect(await invitationRow(invitation.id)).toEqual(before);
      expect((await accept({ token: invitation.token, name: 'Still Welcome', password: PASSWORD })).status).toBe(201);
    });

    it("answers 404 for another organization's invitation exactly as for a missing one; nothing deleted", async () => {
      const owner = await signUp(api, 'revoke-a');
      const other = await signUp(api, 'revoke-b');
      const foreign = await invited(other);
      const adminKey = await createApiKey(api, owner, 'admin');
      const before = await invitationRow(foreign.id);

      const byUser = expectError(
        await api.delete(`/v1/invitations/${foreign.id}`, { token: owner.accessToken }),
        404,
        'not_found',
      );
      const byKey = expectError(
        await api.delete(`/v1/invitations/${foreign.id}`, { apiKey: adminKey.key }),
        404,
        'not_found',
      );
      const missing = expectError(
        await api.delete(`/v1/invitations/${MISSING_ID}`, { token: owner.accessToken }),
        404,
        'not_found',
      );
      expect([byUser.message, byKey.message, missing.message]).toEqual(Array(3).fill('Invitation not found'));

      expect(await invitationRow(foreign.id)).toEqual(before);
      expect((await accept({ token: foreign.token, name: 'Unharmed', password: PASSWORD })).status).toBe(201);
    });

    it('answers 422 naming id for a non-UUID id', async () => {
      const owner = await signUp(api, 'revoke-bad');
      const error = expectError(
        await api.delete('/v1/invitations/123', { token: owner.accessToken }),
        422,
        'validation_failed',
      );
      expect(error.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });
  });

  describe('POST /v1/invitations/accept (public)', () => {
    it("creates the user with the invitation's role in the inviting organization, signed in (201)", async () => {
      const owner = await signUp(api, 'accept');
      const invitation = await invited(owner, 'admin');

      const response = await accept({ token: invitation.token, name: '  Grace Hopper ', password: PASSWORD });

      expect(response.status).toBe(201);
      expect(Object.keys(response.body)).toEqual(['data']);
      expect(Object.keys(response.body.data).sort()).toEqual(['organization', 'tokens', 'user']);
      const { user, organization, tokens } = response.body.data;
      expect(user).toEqual({
        id: expect.any(String),
        organizationId: owner.organizationId,
        email: invitation.email,
        name: 'Grace Hopper',
        role: 'admin',
        status: 'active',
        lastLoginAt: expect.stringMatching(ISO),
        twoFactorEnabled: false,
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
      expect(organization).toMatchObject({ id: owner.organizationId, name: 'Org accept' });
      expect(tokens).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });

      expect(await usersWithEmail(invitation.email)).toEqual([
        { id: user.id, organization_id: owner.organizationId, role: 'admin' },
      ]);
      expect((await invitationRow(invitation.id))?.accepted_at).toBeInstanceOf(Date);

      const me = await api.get<{ data: { user: { id: string; role: string } } }>('/v1/auth/me', {
        token: tokens.accessToken,
      });
      expect(me.status).toBe(200);
      expect(me.body.data.user).toMatchObject({ id: user.id, role: 'admin' });
      // The new admin's role works at once, and the password is theirs.
      expect((await api.get('/v1/invitations', { token: tokens.accessToken })).status).toBe(200);
      const login = await api.post('/v1/auth/login', { body: { email: invitation.email, password: PASSWORD } });
      expect(login.status).toBe(200);
    });

    it('gives a member invitation the member role', async () => {
      const owner = await signUp(api, 'accept-member');
      const invitation = await invited(owner, 'member');
      const response = await accept({ token: invitation.token, name: 'Plain Member', password: PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body.data.user).toMatchObject({ role: 'member', organizationId: owner.organizationId });
      expectError(await api.get('/v1/invitations', { token: response.body.data.tokens.accessToken }), 403, 'forbidden');
    });

    it('is single use: a second accept is 404 and creates nothing, even when both race', async () => {
      const owner = await signUp(api, 'accept-once');
      const invitation = await invited(owner);
      expect((await accept({ token: invitation.token, name: 'First', password: PASSWORD })).status).toBe(201);

      const again = expectError(
        await accept({ token: invitation.token, name: 'Second', password: PASSWORD }),
        404,
        'not_found',
      );
      expect(again.message).toBe('Invitation not found');
      expect(await usersWithEmail(invitation.email)).toHaveLength(1);

      const raced = await invited(owner);
      const answers = await Promise.all([
        accept({ token: raced.token, name: 'Left', password: PASSWORD }),
        accept({ token: raced.token, name: 'Right', password: PASSWORD }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 404]);
      expect(await usersWithEmail(raced.email)).toHaveLength(1);
    });

    it('refuses an expired invitation (404) and creates nothing', async () => {
      const owner = await signUp(api, 'accept-expired');
      const invitation = await invited(owner);
      await sql("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [invitation.id]);

      const error = expectError(
        await accept({ token: invitation.token, name: 'Too Late', password: PASSWORD }),
        404,
        'not_found',
      );
      expect(error.message).toBe('Invitation not found');
      expect(await usersWithEmail(invitation.email)).toEqual([]);
      expect((await invitationRow(invitation.id))?.accepted_at).toBeNull();
    });

    it('refuses an unknown token (404)', async () => {
      const error = expectError(
        await accept({ token: `inv_${'A'.repeat(43)}`, name: 'Nobody', password: PASSWORD }),
        404,
        'not_found',
      );
      expect(error.message).toBe('Invitation not found');
    });

    it('answers 404 like any unusable invitation when the email got an account meanwhile, and stores nothing', async () => {
      const owner = await signUp(api, 'accept-taken');
      const invitation = await invited(owner);
      const signup = await api.post('/v1/auth/signup', {
        body: { organizationName: 'Elsewhere', name: 'Early Bird', email: invitation.email, password: PASSWORD },
      });
      expect(signup.status).toBe(201);

      expectError(await accept({ token: invitation.token, name: 'Late', password: PASSWORD }), 404, 'not_found');
      const users = await usersWithEmail(invitation.email);
      expect(users).toHaveLength(1);
      expect(users[0].organization_id).not.toBe(owner.organizationId);
      expect((await invitationRow(invitation.id))?.accepted_at).toBeNull();
    });

    it('refuses bad input with 422 naming the field, storing nothing; the invitation stays usable', async () => {
      const owner = await signUp(api, 'accept-bad');
      const invitation = await invited(owner);
      const good = { token: invitation.token, name: 'Grace', password: PASSWORD };

      for (const [body, field] of [
        [{ name: 'Grace', password: PASSWORD }, 'token'],
        [{ ...good, token: '' }, 'token'],
        [{ ...good, token: 42 }, 'token'],
        [{ token: invitation.token, password: PASSWORD }, 'name'],
        [{ ...good, name: '   ' }, 'name'],
        [{ ...good, name: 'x'.repeat(121) }, 'name'],
        [{ token: invitation.token, name: 'Grace' }, 'password'],
        [{ ...good, password: 'short' }, 'password'],
        [{ ...good, password: 'x'.repeat(129) }, 'password'],
        [{ ...good, role: 'owner' }, 'role'],
        [{ ...good, email: 'someone-else@example.com' }, 'email'],
      ] as const) {
        expectFieldProblem(expectError(await accept(body), 422, 'validation_failed'), field);
      }
      expect(await usersWithEmail(invitation.email)).toEqual([]);
      expect((await invitationRow(invitation.id))?.accepted_at).toBeNull();

      const accepted = await accept(good);
      expect(accepted.status).toBe(201);
      expect(accepted.body.data.user).toMatchObject({ email: invitation.email, role: 'member' });
    });
  });
});
