import { ApiClient, createApiKey, signUp, uniqueEmail, type Session } from './support/api-client';
import { sql } from './support/database';
import { expectError } from './support/expect-envelope';
import { MailCatcher } from './support/mail-catcher';
import { startMailStack, type MailStack } from './support/mail-stack';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('passwords: change, and reset by mail', () => {
  let stack: MailStack;
  let api: ApiClient;
  let catcher: MailCatcher;

  beforeAll(async () => {
    stack = await startMailStack({ PUBLIC_APP_URL: 'https://app.deskbase.test' });
    ({ api, catcher } = stack);
  });
  afterAll(() => stack?.stop());

  const me = (token: string) => api.get('/v1/auth/me', { token });
  const refresh = (refreshToken: string) => api.post('/v1/auth/refresh', { body: { refreshToken } });
  const login = (email: string, password: string) =>
    api.post<{ data: { tokens: Tokens } }>('/v1/auth/login', { body: { email, password } });
  const secondSession = async (owner: Session): Promise<Tokens> =>
    (await login(owner.email, owner.password)).body.data.tokens;

  describe('POST /v1/auth/password', () => {
    it('changes the password, ends the other sessions but not this one, and mails the owner', async () => {
      const owner = await signUp(api, 'pw-change', catcher);
      const other = await secondSession(owner);
      const response = await api.post('/v1/auth/password', {
        token: owner.accessToken,
        body: { currentPassword: owner.password, newPassword: 'a brand new passphrase' },
      });
      expect(response).toMatchObject({ status: 200, body: { message: expect.stringMatching(/^Password changed/) } });
      expect((await me(owner.accessToken)).status).toBe(200);
      expect((await refresh(owner.refreshToken)).status).toBe(200);
      expect((await me(other.accessToken)).status).toBe(401);
      expect((await refresh(other.refreshToken)).status).toBe(401);
      expect((await login(owner.email, owner.password)).status).toBe(401);
      expect((await login(owner.email, 'a brand new passphrase')).status).toBe(200);
      const mail = await catcher.waitFor(owner.email, /password was changed/);
      expect(mail.text).not.toContain('a brand new passphrase');
    });

    it('refuses a wrong current password (403) and changes nothing', async () => {
      const owner = await signUp(api, 'pw-wrong', catcher);
      const other = await secondSession(owner);
      const response = await api.post('/v1/auth/password', {
        token: owner.accessToken,
        body: { currentPassword: 'not my password at all', newPassword: 'a brand new passphrase' },
      });
      expectError(response, 403, 'forbidden');
      expect((await login(owner.email, owner.password)).status).toBe(200);
      expect((await me(other.accessToken)).status).toBe(200);
    });

    it('refuses API keys (403), anonymous callers (401) and bad input (422)', async () => {
      const owner = await signUp(api, 'pw-refusals', catcher);
      const key = await createApiKey(api, owner, 'admin');
      const body = { currentPassword: owner.password, newPassword: 'a brand new passphrase' };
      expectError(await api.post('/v1/auth/password', { apiKey: key.key, body }), 403, 'forbidden');
      expectError(await api.post('/v1/auth/password', { body }), 401, 'unauthorized');
      const bad = await api.post('/v1/auth/password', {
        token: owner.accessToken,
        body: { currentPassword: owner.password, newPassword: 'short' },
      });
      expect(expectError(bad, 422, 'validation_failed').details?.map((d) => d.field)).toEqual(['newPassword']);
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) => api.post('/v1/auth/password-reset', { body: { email } });
    const confirm = (token: string, password: string) =>
      api.post('/v1/auth/password-reset/confirm', { body: { token, password } });

    it("answers 202 the same for a known and an unknown email; only the account's owner gets a mail", async () => {
      const owner = await signUp(api, 'reset-known', catcher);
      const unknown = uniqueEmail('reset-unknown');
      const [known, stranger] = [await requestReset(owner.email.toUpperCase()), await requestReset(unknown)];
      expect(known.status).toBe(202);
      expect(stranger.status).toBe(202);
      expect(known.body).toEqual(stranger.body);
      await catcher.waitFor(owner.email, /Reset your Deskbase password/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(catcher.mails.filter((mail) => mail.to === unknown)).toHaveLength(0);
    });

    it("the mail's token resets the password once and only once, and ends every session", async () => {
      const owner = await signUp(api, 'reset-once', catcher);
      const other = await secondSession(owner);
      expect((await requestReset(owner.email)).status).toBe(202);
      const mail = await catcher.waitFor(owner.email, /Reset your Deskbase password/);
      expect(mail.text).toMatch(/https:\/\/app\.deskbase\.test\/reset-password\?token=rst_/);
      const token = MailCatcher.tokenOf(mail);
      const [row] = await sql<{ password_reset_hash: string }>('SELECT password_reset_hash FROM users WHERE id = $1', [
        owner.userId,
      ]);
      expect(row.password_reset_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(token).not.toContain(row.password_reset_hash);

      const reset = await confirm(token, 'recovered passphrase');
      expect(reset).toMatchObject({ status: 200, body: { message: expect.stringMatching(/^Password reset/) } });
      for (const session of [owner, other]) {
        expect((await me(session.accessToken)).status).toBe(401);
        expect((await refresh(session.refreshToken)).status).toBe(401);
      }
      expect((await login(owner.email, 'recovered passphrase')).status).toBe(200);
      await catcher.waitFor(owner.email, /password was changed/);

      expectError(await confirm(token, 'a third passphrase'), 401, 'unauthorized');
      expect((await login(owner.email, 'recovered passphrase')).status).toBe(200);
    });

    it('refuses an expired token, a superseded one, a forged one and a malformed one (401), changing nothing', async () => {
      const owner = await signUp(api, 'reset-refused', catcher);
      await requestReset(owner.email);
      const first = MailCatcher.tokenOf(await catcher.waitFor(owner.email, /Reset your/));
      await sql("UPDATE users SET password_reset_expires_at = now() - interval '1 second' WHERE id = $1", [
        owner.userId,
      ]);
      expectError(await confirm(first, 'expired link passphrase'), 401, 'unauthorized');

      const before = catcher.mails.length;
      await requestReset(owner.email);
      for (let i = 0; i < 100 && catcher.mails.length === before; i++) await new Promise((r) => setTimeout(r, 50));
      const second = MailCatcher.tokenOf(catcher.mails.slice(before).find((mail) => mail.to === owner.email)!);
      expect(second).not.toBe(first);
      expectError(await confirm(first, 'superseded passphrase'), 401, 'unauthorized');
      const forged = `${second.slice(0, -6)}AAAAAA`;
      expectError(await confirm(forged, 'forged link passphrase'), 401, 'unauthorized');
      expectError(await confirm('rst_nonsense', 'malformed passphrase'), 401, 'unauthorized');
      expect((await login(owner.email, owner.password)).status).toBe(200);
      expect((await confirm(second, 'the right new passphrase')).status).toBe(200);
    });

    it('answers bad input with 422 naming the field', async () => {
      expect(expectError(await requestReset('not-an-email'), 422, 'validation_failed').details?.[0].field).toBe(
        'email',
      );
      const weak = await confirm('rst_x', 'short');
      expect(expectError(weak, 422, 'validation_failed').details?.map((d) => d.field)).toEqual(['password']);
    });
  });
});
