import { ApiClient, signUp } from './support/api-client';
import { captureStdout } from './support/capture-stdout';
import { startTestApp } from './support/test-app';

const PASSWORD = 'correct horse battery staple';

// In a file of its own: nestjs-pino keeps one root logger per module registry, so the log level
// of the first app a file boots applies to every later one.
describe('auth logging', () => {
  it('never writes passwords, tokens or API keys, even at debug level', async () => {
    const output = captureStdout();
    const t = await startTestApp({ LOG_LEVEL: 'debug', NODE_ENV: 'production' });
    try {
      const api = new ApiClient(t.url);
      const owner = await signUp(api, 'logs');
      await api.post('/v1/auth/login', { body: { email: owner.email, password: 'a wrong password' } });
      const key = await api.post<{ data: { key: string } }>('/v1/api-keys', {
        token: owner.accessToken,
        body: { name: 'k', role: 'member' },
      });
      await api.get('/v1/auth/me', { apiKey: key.body.data.key });
      await api.get('/v1/auth/me', { token: key.body.data.key });
      await api.post('/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });

      const text = output.text();
      expect(output.lines().some((line) => line.msg === 'auth.login_failed')).toBe(true);
      expect(output.lines().some((line) => line.msg === 'auth.api_key_used')).toBe(true);
      for (const secret of [PASSWORD, 'a wrong password', owner.accessToken, owner.refreshToken, key.body.data.key]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toContain(owner.email);
      // Once the guard knows the caller, the request's lines carry it without services passing it.
      const completed = output.lines().find((line) => line.msg === 'request completed' && line.userId === owner.userId);
      expect(completed).toMatchObject({ organizationId: owner.organizationId, requestId: expect.any(String) });
    } finally {
      await t.close();
      output.restore();
    }
  });
});
