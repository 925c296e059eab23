import { totpCodeAt } from '../src/auth/two-factor/totp';
import { ApiClient, createApiKey, signUp, uniqueEmail, type Session } from './support/api-client';
import { sql } from './support/database';
import { expectError } from './support/expect-envelope';
import { MailCatcher } from './support/mail-catcher';
import { startMailStack, type MailStack } from './support/mail-stack';

const STEP = 30_000;

interface SessionBody {
  data: { user: { id: string; twoFactorEnabled: boolean }; tokens: { accessToken: string; refreshToken: string } };
}

describe('two-factor authentication (TOTP)', () => {
  let stack: MailStack;
  let api: ApiClient;
  let catcher: MailCatcher;

  beforeAll(async () => {
    stack = await startMailStack();
    ({ api, catcher } = stack);
  });
  afterAll(() => stack?.stop());

  const login = (email: string, password: string) =>
    api.post<{ data: { challengeToken?: string; twoFactorRequired?: boolean } & Partial<SessionBody['data']> }>(
      '/v1/auth/login',
      { body: { email, password } },
    );
  const secondStep = (challengeToken: string, code: string) =>
    api.post<SessionBody>('/v1/auth/two-factor/login', { body: { challengeToken, code } });

  /** A new user of `owner`'s organization, through the invitation mail. */
  async function addByMail(owner: Session, role: 'admin' | 'member'): Promise<Session> {
    const email = uniqueEmail(role);
    await api.post('/v1/invitations', { token: owner.accessToken, body: { email, role } });
    const token = MailCatcher.tokenOf(await catcher.waitFor(email, /invited/));
    const password = 'colleague passphrase';
    const accepted = await api.post<SessionBody>('/v1/invitations/accept', {
      body: { token, name: 'New Colleague', password },
    });
    expect(accepted.status).toBe(201);
    const { tokens, user } = accepted.body.data;
    return { ...tokens, userId: user.id, organizationId: owner.organizationId, email, password };
  }

  /** Enrols and confirms with the previous step's code, so the current step's code stays unused. */
  async function enable(user: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
    const enrolled = await api.post<{ data: { secret: string; otpauthUrl: string } }>('/v1/auth/two-factor/enrol', {
      token: user.accessToken,
    });
    expect(enrolled.status).toBe(200);
    const { secret } = enrolled.body.data;
    const confirmed = await api.post<{ data: { recoveryCodes: string[] } }>('/v1/auth/two-factor/confirm', {
      token: user.accessToken,
      body: { code: totpCodeAt(secret, Date.now() - STEP) },
    });
    expect(confirmed.status).toBe(200);
    return { secret, recoveryCodes: confirmed.body.data.recoveryCodes };
  }

  it('enrols with a seed and otpauth URL, confirmed by a first code; then login takes two steps', async () => {
    const owner = await signUp(api, 'totp', catcher);
    const enrolled = await api.post<{ data: { secret: string; otpauthUrl: string } }>('/v1/auth/two-factor/enrol', {
      token: owner.accessToken,
    });
    const { secret, otpauthUrl } = enrolled.body.data;
    expect(new URL(otpauthUrl).searchParams.get('secret')).toBe(secret);
    // Pending: login still takes one step until a code confirms the seed.
    expect((await login(owner.email, owner.password)).status).toBe(200);
    expectError(
      await api.post('/v1/auth/two-factor/confirm', { token: owner.accessToken, body: { code: '000000' } }),
      403,
      'forbidden',
    );
    const confirmed = await api.post<{ data: { recoveryCodes: string[] } }>('/v1/auth/two-factor/confirm', {
      token: owner.accessToken,
      body: { code: totpCodeAt(secret, Date.now() - STEP) },
    });
    expect(confirmed.body.data.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.data.recoveryCodes).size).toBe(10);
    await catcher.waitFor(owner.email, /Two-factor authentication is on/);
    const [row] = await sql<{ two_factor_secret: string; two_factor_recovery_hashes: string[] }>(
      'SELECT two_factor_secret, two_factor_recovery_hashes FROM users WHERE id = $1',
      [owner.userId],
    );
    expect(row.two_factor_secret).not.toContain(secret);
    expect(row.two_factor_recovery_hashes).toHaveLength(10);
    expect(JSON.stringify(row)).not.toContain(confirmed.body.data.recoveryCodes[0]);

    const first = await login(owner.email, owner.password);
    expect(first.status).toBe(202);
    expect(first.body.data).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String), expiresIn: 300 });
    expect(first.body.data.tokens).toBeUndefined();
    // The challenge is not an access token.
    expect((await api.get('/v1/auth/me', { token: first.body.data.challengeToken })).status).toBe(401);

    const code = totpCodeAt(secret, Date.now());
    const second = await secondStep(first.body.data.challengeToken!, code);
    expect(second.status).toBe(200);
    expect(second.body.data.user.twoFactorEnabled).toBe(true);
    expect((await api.get('/v1/auth/me', { token: second.body.data.tokens.accessToken })).status).toBe(200);

    // Each code works once.
    const again = await login(owner.email, owner.password);
    expectError(await secondStep(again.body.data.challengeToken!, code), 401, 'unauthorized');
  });

  it('accepts each recovery code once instead of a code', async () => {
    const owner = await signUp(api, 'recovery', catcher);
    const { recoveryCodes } = await enable(owner);
    const challenge = async () => (await login(owner.email, owner.password)).body.data.challengeToken!;
    expect((await secondStep(await challenge(), recoveryCodes[3].toUpperCase())).status).toBe(200);
    expectError(await secondStep(await challenge(), recoveryCodes[3]), 401, 'unauthorized');
    expect((await secondStep(await challenge(), recoveryCodes[4].replace('-', ''))).status).toBe(200);
    const [row] = await sql<{ n: number }>(
      'SELECT cardinality(two_factor_recovery_hashes) AS n FROM users WHERE id = $1',
      [owner.userId],
    );
    expect(row.n).toBe(8);
  });

  it('refuses wrong codes, forged or stale challenges, and limits the second step on its own', async () => {
    const owner = await signUp(api, 'totp-wrong', catcher);
    const { secret } = await enable(owner);
    const { challengeToken } = (await login(owner.email, owner.password)).body.data;
    expectError(await secondStep(challengeToken!, totpCodeAt(secret, Date.now() - 3 * STEP)), 401, 'unauthorized');
    expectError(await secondStep(challengeToken!, 'nope-nope'), 401, 'unauthorized');
    expectError(
      await secondStep(`${challengeToken!.slice(0, -4)}AAAA`, totpCodeAt(secret, Date.now())),
      401,
      'unauthorized',
    );
    expectError(await secondStep(owner.accessToken, totpCodeAt(secret, Date.now())), 401, 'unauthorized');
    expect(expectError(await secondStep(challengeToken!, '1'), 422, 'validation_failed').details?.[0].field).toBe(
      'code',
    );
  });

  it('turns off with the password and a code; not with a wrong password; mails both changes', async () => {
    const owner = await signUp(api, 'totp-off', catcher);
    const { secret } = await enable(owner);
    const code = totpCodeAt(secret, Date.now());
    expectError(
      await api.post('/v1/auth/two-factor/disable', {
        token: owner.accessToken,
        body: { password: 'not the password at all', code },
      }),
      403,
      'forbidden',
    );
    const off = await api.post('/v1/auth/two-factor/disable', {
      token: owner.accessToken,
      body: { password: owner.password, code },
    });
    expect(off).toMatchObject({ status: 200, body: { message: 'Two-factor authentication is off' } });
    expect((await login(owner.email, owner.password)).status).toBe(200);
    await catcher.waitFor(owner.email, /Two-factor authentication is off/);
  });

  it('is for people: API keys get 403', async () => {
    const owner = await signUp(api, 'totp-key', catcher);
    const key = await createApiKey(api, owner, 'admin');
    expectError(await api.post('/v1/auth/two-factor/enrol', { apiKey: key.key }), 403, 'forbidden');
  });

  describe('organization requirement', () => {
    it('lets an owner require it: owners and admins without it can only enrol, members are unaffected', async () => {
      const owner = await signUp(api, 'require', catcher);
      const admin = await addByMail(owner, 'admin');
      const member = await addByMail(owner, 'member');
      const required = await api.put<{ data: { requireTwoFactor: boolean } }>('/v1/auth/two-factor/requirement', {
        token: owner.accessToken,
        body: { required: true },
      });
      expect(required.status).toBe(200);
      expect(required.body.data.requireTwoFactor).toBe(true);

      for (const person of [owner, admin]) {
        const refused = expectError(await api.get('/v1/users', { token: person.accessToken }), 403, 'forbidden');
        expect(refused.message).toMatch(/requires two-factor/);
        expect((await api.get('/v1/auth/me', { token: person.accessToken })).status).toBe(200);
      }
      expect((await api.get('/v1/users', { token: member.accessToken })).status).toBe(200);

      await enable(admin);
      expect((await api.get('/v1/users', { token: admin.accessToken })).status).toBe(200);
      expectError(await api.get('/v1/tickets', { token: owner.accessToken }), 403, 'forbidden');
      expectError(
        await api.post('/v1/auth/two-factor/disable', {
          token: admin.accessToken,
          body: { password: admin.password, code: '123456' },
        }),
        409,
        'conflict',
      );
    });

    it('is for owners only', async () => {
      const owner = await signUp(api, 'require-admin', catcher);
      const admin = await addByMail(owner, 'admin');
      const attempt = await api.put('/v1/auth/two-factor/requirement', {
        token: admin.accessToken,
        body: { required: true },
      });
      expectError(attempt, 403, 'forbidden');
      expectError(
        await api.put('/v1/auth/two-factor/requirement', { token: owner.accessToken, body: { required: 'yes' } }),
        422,
        'validation_failed',
      );
    });
  });

  it('works end to end as a new colleague would: invitation mail, accept, enrol, log in with a code', async () => {
    const owner = await signUp(api, 'colleague', catcher);
    const colleague = await addByMail(owner, 'member');
    const { secret } = await enable(colleague);
    const { challengeToken } = (await login(colleague.email, colleague.password)).body.data;
    expect((await secondStep(challengeToken!, totpCodeAt(secret, Date.now()))).status).toBe(200);
  });
});
