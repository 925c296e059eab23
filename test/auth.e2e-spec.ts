import { sign } from 'jsonwebtoken';
import { ApiClient, createApiKey, signUp, uniqueEmail, type Session } from './support/api-client';
import { TEST_JWT_SECRET } from './support/test-config';
import { sql } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery staple';
const ISSUER = { issuer: 'deskbase', audience: 'deskbase-api' };

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('auth: signup, login, tokens', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const me = (token: string) => api.get('/v1/auth/me', { token });

  describe('POST /v1/auth/signup', () => {
    it('creates the organization and its owner, signed in, with an argon2id hash at OWASP parameters', async () => {
      const email = uniqueEmail('Signup').toUpperCase();
      const response = await api.post('/v1/auth/signup', {
        body: { organizationName: 'Acme Support', name: 'Ada', email, password: PASSWORD },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        data: {
          user: { email: email.toLowerCase(), name: 'Ada', role: 'owner', status: 'active' },
          organization: { name: 'Acme Support', slug: expect.stringMatching(/^acme-support-[0-9a-f]{6}$/) },
          tokens: { accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 },
        },
      });
      const [row] = await sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
        email.toLowerCase(),
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(JSON.stringify(response.body)).not.toContain('password');
    });

    it('refuses an email already taken, whatever its case, and stores nothing', async () => {
      const owner = await signUp(api);
      const response = await api.post('/v1/auth/signup', {
        body: { organizationName: 'Copycat Org', name: 'X', email: owner.email.toUpperCase(), password: PASSWORD },
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ error: { code: 'conflict' } });
      expect(await sql("SELECT 1 FROM organizations WHERE name = 'Copycat Org'")).toHaveLength(0);
    });

    it('answers bad input with 422 naming each field, and stores nothing', async () => {
      const response = await api.post('/v1/auth/signup', {
        body: { organizationName: '', name: 'Bad Input Person', email: 'nope', password: 'short' },
      });
      expect(response.status).toBe(422);
      const fields = (response.body.error as { details: Array<{ field: string }> }).details.map((d) => d.field);
      expect(new Set(fields)).toEqual(new Set(['organizationName', 'email', 'password']));
      expect(await sql("SELECT 1 FROM users WHERE name = 'Bad Input Person'")).toHaveLength(0);
    });

    it('refuses a password longer than 128 characters', async () => {
      const response = await api.post('/v1/auth/signup', {
        body: { organizationName: 'Org', name: 'N', email: uniqueEmail(), password: 'x'.repeat(129) },
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ error: { details: [{ field: 'password' }] } });
    });
  });

  describe('POST /v1/auth/login', () => {
    let owner: Session;
    beforeAll(async () => {
      owner = await signUp(api, 'login');
    });

    it('signs in with the right password, whatever the case of the email, and records the login', async () => {
      const response = await api.post('/v1/auth/login', {
        body: { email: owner.email.toUpperCase(), password: PASSWORD },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        data: { user: { id: owner.userId }, organization: { id: owner.organizationId } },
      });
      expect((await me((response.body.data as { tokens: { accessToken: string } }).tokens.accessToken)).status).toBe(
        200,
      );
    });

    it('answers an unknown email and a wrong password identically', async () => {
      const wrong = await api.post('/v1/auth/login', { body: { email: owner.email, password: 'wrong password!' } });
      const unknown = await api.post('/v1/auth/login', { body: { email: uniqueEmail('ghost'), password: PASSWORD } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const strip = (body: Record<string, unknown>) => ({ ...(body.error as object), requestId: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(strip(wrong.body)).toMatchObject({ code: 'unauthorized', message: 'Invalid email or password' });
    });

    it('refuses a disabled user', async () => {
      const disabled = await signUp(api, 'disabled');
      await sql("UPDATE users SET status = 'disabled' WHERE id = $1", [disabled.userId]);
      const response = await api.post('/v1/auth/login', { body: { email: disabled.email, password: PASSWORD } });
      expect(response.status).toBe(401);
    });

    it('answers bad input with 422', async () => {
      const response = await api.post('/v1/auth/login', { body: { email: 'x' } });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ error: { code: 'validation_failed' } });
    });
  });

  describe('access tokens', () => {
    let owner: Session;
    beforeAll(async () => {
      owner = await signUp(api, 'jwt');
    });
    const sessionOf = (token: string): string =>
      (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
    const claims = () => ({
      sub: owner.userId,
      org: owner.organizationId,
      role: 'owner',
      sid: sessionOf(owner.accessToken),
    });

    it('lets a valid token through and refuses a request without one', async () => {
      expect(await me(owner.accessToken)).toMatchObject({
        status: 200,
        body: { data: { user: { id: owner.userId } } },
      });
      const anonymous = await api.get('/v1/auth/me');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ error: { code: 'unauthorized' } });
    });

    it("refuses alg 'none'", async () => {
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims(), iss: 'deskbase', aud: 'deskbase-api', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      expect((await me(unsigned)).status).toBe(401);
    });

    it('refuses a token signed with another key', async () => {
      const forged = sign(claims(), 'another-secret-that-is-long-enough-000', { ...ISSUER, expiresIn: 600 });
      expect((await me(forged)).status).toBe(401);
    });

    it('refuses another algorithm, issuer or audience even with the right key', async () => {
      const hs512 = sign(claims(), TEST_JWT_SECRET, { ...ISSUER, algorithm: 'HS512', expiresIn: 600 });
      const issuer = sign(claims(), TEST_JWT_SECRET, { issuer: 'evil', audience: 'deskbase-api', expiresIn: 600 });
      const audience = sign(claims(), TEST_JWT_SECRET, { issuer: 'deskbase', audience: 'other', expiresIn: 600 });
      const valid = sign(claims(), TEST_JWT_SECRET, { ...ISSUER, expiresIn: 600 });
      expect((await me(valid)).status).toBe(200);
      for (const token of [hs512, issuer, audience]) expect((await me(token)).status).toBe(401);
    });

    it('refuses a well-signed token without a session, or whose session is unknown', async () => {
      const { sid: _sid, ...withoutSession } = claims();
      expect((await me(sign(withoutSession, TEST_JWT_SECRET, { ...ISSUER, expiresIn: 600 }))).status).toBe(401);
      const unknown = { ...claims(), sid: '00000000-0000-7000-8000-000000000000' };
      expect((await me(sign(unknown, TEST_JWT_SECRET, { ...ISSUER, expiresIn: 600 }))).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const expired = sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 5 }, TEST_JWT_SECRET, ISSUER);
      expect((await me(expired)).status).toBe(401);
    });

    it('refuses a token whose claims were tampered with', async () => {
      const [header, , signature] = owner.accessToken.split('.');
      const tampered = `${header}.${base64url({ ...claims(), org: '00000000-0000-7000-8000-000000000000', iss: 'deskbase', aud: 'deskbase-api', exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
      expect((await me(tampered)).status).toBe(401);
    });

    it('refuses the token of a user disabled or deleted after it was issued', async () => {
      const disabled = await signUp(api, 'later-disabled');
      const deleted = await signUp(api, 'later-deleted');
      expect((await me(disabled.accessToken)).status).toBe(200);
      await sql("UPDATE users SET status = 'disabled' WHERE id = $1", [disabled.userId]);
      await sql('DELETE FROM users WHERE id = $1', [deleted.userId]);
      expect((await me(disabled.accessToken)).status).toBe(401);
      expect((await me(deleted.accessToken)).status).toBe(401);
    });
  });

  describe('refresh tokens', () => {
    const refresh = (refreshToken: string) => api.post('/v1/auth/refresh', { body: { refreshToken } });
    const tokensOf = (body: Record<string, unknown>) =>
      (body.data as { tokens: { accessToken: string; refreshToken: string } }).tokens;

    it('rotates: each use returns a new pair and retires the old token', async () => {
      const owner = await signUp(api, 'rotate');
      const first = await refresh(owner.refreshToken);
      expect(first.status).toBe(200);
      const next = tokensOf(first.body);
      expect(next.refreshToken).not.toBe(owner.refreshToken);
      expect((await me(next.accessToken)).status).toBe(200);
      expect((await refresh(next.refreshToken)).status).toBe(200);
    });

    it('detects reuse of a retired token and revokes the whole family', async () => {
      const owner = await signUp(api, 'reuse');
      const rotated = tokensOf((await refresh(owner.refreshToken)).body);
      const reuse = await refresh(owner.refreshToken);
      expect(reuse.status).toBe(401);
      expect((await refresh(rotated.refreshToken)).status).toBe(401);
      const live = await sql('SELECT 1 FROM refresh_sessions WHERE user_id = $1 AND revoked_at IS NULL', [
        owner.userId,
      ]);
      expect(live).toHaveLength(0);
    });

    it('settles two concurrent uses of one token: one wins, the other counts as reuse, the family ends consistent', async () => {
      const owner = await signUp(api, 'race');
      const results = await Promise.all([refresh(owner.refreshToken), refresh(owner.refreshToken)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const rows = await sql<{ revoked_at: Date | null; replaced_by_id: string | null }>(
        'SELECT revoked_at, replaced_by_id FROM refresh_sessions WHERE user_id = $1',
        [owner.userId],
      );
      // The original and exactly one successor; both revoked by the reuse detection.
      expect(rows).toHaveLength(2);
      expect(rows.filter((r) => r.replaced_by_id !== null)).toHaveLength(1);
      expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
    });

    it('refuses an unknown or expired token', async () => {
      expect((await refresh('rt_not-a-real-token')).status).toBe(401);
      const owner = await signUp(api, 'expired-refresh');
      await sql("UPDATE refresh_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [
        owner.userId,
      ]);
      expect((await refresh(owner.refreshToken)).status).toBe(401);
    });

    it('logout revokes the family', async () => {
      const owner = await signUp(api, 'logout');
      const response = await api.post('/v1/auth/logout', {
        token: owner.accessToken,
        body: { refreshToken: owner.refreshToken },
      });
      expect(response).toMatchObject({ status: 200, body: { message: 'Logged out' } });
      expect((await refresh(owner.refreshToken)).status).toBe(401);
    });

    it('logout ends the access token at once, and only this session', async () => {
      const owner = await signUp(api, 'logout-access');
      const other = await api.post<{ data: { tokens: { accessToken: string; refreshToken: string } } }>(
        '/v1/auth/login',
        { body: { email: owner.email, password: PASSWORD } },
      );
      const otherTokens = other.body.data.tokens;
      expect((await me(owner.accessToken)).status).toBe(200);
      await api.post('/v1/auth/logout', { token: owner.accessToken, body: { refreshToken: owner.refreshToken } });
      expect((await me(owner.accessToken)).status).toBe(401);
      expect((await refresh(owner.refreshToken)).status).toBe(401);
      expect((await me(otherTokens.accessToken)).status).toBe(200);
      expect((await refresh(otherTokens.refreshToken)).status).toBe(200);
    });

    it('an access token issued by a refresh stays valid until its own session ends', async () => {
      const owner = await signUp(api, 'logout-rotated');
      const rotated = tokensOf((await refresh(owner.refreshToken)).body);
      expect((await me(owner.accessToken)).status).toBe(200);
      expect((await me(rotated.accessToken)).status).toBe(200);
      await api.post('/v1/auth/logout', { token: rotated.accessToken, body: { refreshToken: rotated.refreshToken } });
      expect((await me(owner.accessToken)).status).toBe(401);
      expect((await me(rotated.accessToken)).status).toBe(401);
    });

    it('logout-all ends every session of the caller, access and refresh tokens, and no one else', async () => {
      const owner = await signUp(api, 'logout-all');
      const bystander = await signUp(api, 'bystander');
      const logins = await Promise.all(
        [1, 2].map(() => api.post('/v1/auth/login', { body: { email: owner.email, password: PASSWORD } })),
      );
      const sessions = [
        { accessToken: owner.accessToken, refreshToken: owner.refreshToken },
        ...logins.map((l) => tokensOf(l.body)),
      ];
      const response = await api.post('/v1/auth/logout-all', { token: sessions[1].accessToken });
      expect(response).toMatchObject({ status: 200, body: { message: 'Signed out everywhere' } });
      for (const session of sessions) {
        expect((await me(session.accessToken)).status).toBe(401);
        expect((await refresh(session.refreshToken)).status).toBe(401);
      }
      expect((await me(bystander.accessToken)).status).toBe(200);
      expect((await api.post('/v1/auth/logout-all', { token: sessions[0].accessToken })).status).toBe(401);
    });

    it('logout-all is for people: an API key gets 403 and nothing ends', async () => {
      const owner = await signUp(api, 'logout-all-key');
      const key = await createApiKey(api, owner, 'admin');
      const response = await api.post('/v1/auth/logout-all', { apiKey: key.key });
      expect(response.status).toBe(403);
      expect((await me(owner.accessToken)).status).toBe(200);
    });

    it("logout cannot end another user's session", async () => {
      const victim = await signUp(api, 'victim');
      const attacker = await signUp(api, 'attacker');
      await api.post('/v1/auth/logout', { token: attacker.accessToken, body: { refreshToken: victim.refreshToken } });
      expect((await refresh(victim.refreshToken)).status).toBe(200);
    });

    it('stores refresh tokens only as hashes', async () => {
      const owner = await signUp(api, 'hashes');
      const rows = await sql('SELECT * FROM refresh_sessions WHERE user_id = $1', [owner.userId]);
      expect(JSON.stringify(rows)).not.toContain(owner.refreshToken.slice(3));
    });
  });
});
