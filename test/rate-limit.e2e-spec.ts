import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/stack/free-port';
import { startRedis, type RedisHandle } from '../scripts/stack/redis';
import { ApiClient, signUp, uniqueEmail } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';

/** Own Redis, so the counts of other specs (all from 127.0.0.1) cannot interfere. */
describe('brute-force limits on credential routes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbase-ratelimit-'));
  let redis: RedisHandle;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    redis = await startRedis({ dataDir, port: await freePort(), persistent: false });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function app(overrides: Record<string, string>): Promise<ApiClient> {
    const started = await startTestApp({
      REDIS_URL: redis.url,
      AUTH_RATE_LIMIT_PER_IP: '4',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '2',
      AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
      ...overrides,
    });
    apps.push(started);
    return new ApiClient(started.url);
  }

  const login = (api: ApiClient, email: string, forwardedFor?: string, password = 'not the password') =>
    api.post('/v1/auth/login', {
      body: { email, password },
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  it('limits per account and per address, and a spoofed X-Forwarded-For does not reset the count', async () => {
    await redis.stop();
    redis = await startRedis({ dataDir, port: redis.port, persistent: false });
    const api = await app({ TRUST_PROXY: 'false' });
    const victim = uniqueEmail('victim');

    expect((await login(api, victim)).status).toBe(401);
    expect((await login(api, victim)).status).toBe(401);
    const perAccount = await login(api, victim);
    expect(perAccount.status).toBe(429);
    expect(perAccount.body).toMatchObject({ error: { code: 'rate_limited', requestId: expect.any(String) } });
    expect(Number(perAccount.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(perAccount.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    // 4th request from this address: still allowed (another account).
    expect((await login(api, uniqueEmail('other'), '203.0.113.1')).status).toBe(401);
    // 5th: over the per-address limit, whatever address the header claims.
    const spoofed = await login(api, uniqueEmail('other'), '203.0.113.2');
    expect(spoofed.status).toBe(429);
    expect((await api.post('/v1/auth/signup', { body: {} })).status).toBe(422); // another bucket, still open
  });

  it("cannot be used to lock someone out: guesses from one address never spend the owner's attempts", async () => {
    const api = await app({
      TRUST_PROXY: '127.0.0.1',
      AUTH_RATE_LIMIT_PER_IP: '1000',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '3',
    });
    const owner = await signUp(api, 'lockout');
    const attacker = '203.0.113.66';
    for (let i = 0; i < 3; i++) expect((await login(api, owner.email, attacker)).status).toBe(401);
    expect((await login(api, owner.email, attacker)).status).toBe(429);
    expect((await login(api, owner.email, attacker, owner.password)).status).toBe(429);
    // The owner, from their own address, signs in at once.
    expect((await login(api, owner.email, '198.51.100.20', owner.password)).status).toBe(200);
  });

  it("does not count signups with an email against that account's login attempts", async () => {
    const api = await app({
      TRUST_PROXY: '127.0.0.1',
      AUTH_RATE_LIMIT_PER_IP: '1000',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '2',
    });
    const owner = await signUp(api, 'signup-burn');
    const signupWith = (address: string) =>
      api.post('/v1/auth/signup', {
        body: { organizationName: 'Squatter', name: 'Squatter', email: owner.email, password: 'whatever password 1' },
        headers: { 'x-forwarded-for': address },
      });
    for (const address of ['198.51.100.30', '198.51.100.30', '198.51.100.30', '198.51.100.31']) {
      expect((await signupWith(address)).status).toBe(409);
    }
    expect((await login(api, owner.email, '198.51.100.30', owner.password)).status).toBe(200);
  });

  it('only slows an account guessed at from many addresses, and still lets the right password in', async () => {
    const api = await app({
      TRUST_PROXY: '127.0.0.1',
      AUTH_RATE_LIMIT_PER_IP: '1000',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '2',
      AUTH_SLOWDOWN_AFTER: '4',
      AUTH_SLOWDOWN_MAX_MS: '300',
    });
    const owner = await signUp(api, 'distributed');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(api, owner.email, `192.0.2.${i}`)).status);
    expect(statuses.every((status) => status === 401)).toBe(true);
    expect((await login(api, owner.email, '192.0.2.200', owner.password)).status).toBe(200);
  });

  it('limits invitations per organization, whoever sends them, and leaves other organizations alone', async () => {
    const api = await app({ INVITATION_RATE_LIMIT_PER_ORGANIZATION: '5', AUTH_RATE_LIMIT_PER_IP: '1000' });
    const owner = await signUp(api, 'inviter');
    const other = await signUp(api, 'other-inviter');
    const invite = (by: { accessToken: string }) =>
      api.post('/v1/invitations', { token: by.accessToken, body: { email: uniqueEmail('probe'), role: 'member' } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await invite(owner)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const limited = await invite(owner);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await invite(other)).status).toBe(201);
  });

  it('honours X-Forwarded-For from a trusted proxy', async () => {
    await redis.stop();
    redis = await startRedis({ dataDir, port: redis.port, persistent: false });
    const api = await app({ TRUST_PROXY: '127.0.0.1' });
    for (let i = 0; i < 4; i += 1) expect((await login(api, uniqueEmail(), '198.51.100.7')).status).toBe(401);
    expect((await login(api, uniqueEmail(), '198.51.100.7')).status).toBe(429);
    expect((await login(api, uniqueEmail(), '198.51.100.8')).status).toBe(401);
  });

  it('tells the quota and what is left of it on every answer, in the IETF RateLimit fields', async () => {
    await redis.stop();
    redis = await startRedis({ dataDir, port: redis.port, persistent: false });
    const api = await app({ TRUST_PROXY: 'false', AUTH_RATE_LIMIT_PER_ACCOUNT: '100' });
    const remaining: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const answer = await login(api, uniqueEmail());
      expect(answer.status).toBe(401);
      expect(answer.headers.get('ratelimit-policy')).toBe('"login";q=4;w=60');
      const [, left, reset] = /^"login";r=(\d+);t=(\d+)$/.exec(answer.headers.get('ratelimit') ?? '') ?? [];
      remaining.push(Number(left));
      expect(Number(reset)).toBeGreaterThan(0);
      expect(Number(reset)).toBeLessThanOrEqual(60);
    }
    expect(remaining).toEqual([3, 2, 1, 0]);
    const limited = await login(api, uniqueEmail());
    expect(limited.status).toBe(429);
    const reset = /;t=(\d+)$/.exec(limited.headers.get('ratelimit') ?? '')?.[1];
    expect(limited.headers.get('ratelimit')).toMatch(/^"login";r=0;t=\d+$/);
    expect(limited.headers.get('retry-after')).toBe(reset);
  });
});
