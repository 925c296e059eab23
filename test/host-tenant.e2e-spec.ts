import { ApiClient, createApiKey, signUp, type Session } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';

const BASE = 'deskbase.test';

describe('tenant from the host name (TENANT_BASE_DOMAIN)', () => {
  let t: TestApp;
  let api: ApiClient;
  let acme: Session & { slug: string };
  let globex: Session & { slug: string };

  beforeAll(async () => {
    t = await startTestApp({ TENANT_BASE_DOMAIN: BASE });
    api = new ApiClient(t.url);
    const withSlug = async (label: string) => {
      const session = await signUp(api, label);
      const me = await api.get<{ data: { organization: { slug: string } } }>('/v1/auth/me', {
        token: session.accessToken,
      });
      return { ...session, slug: me.body.data.organization.slug };
    };
    acme = await withSlug('acme');
    globex = await withSlug('globex');
  });
  afterAll(() => t.close());

  /** A request as it arrives at `host` (Fastify's inject sets the Host header). */
  const on = async (
    host: string,
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ) => {
    const response = await t.app.inject({
      method,
      url,
      headers: { host, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("lets an organization's callers in on its own host, and answers 401 to another organization's", async () => {
    expect((await on(`${acme.slug}.${BASE}`, 'GET', '/v1/auth/me', bearer(acme.accessToken))).status).toBe(200);
    const foreign = await on(`${acme.slug}.${BASE}`, 'GET', '/v1/users', bearer(globex.accessToken));
    expect(foreign.status).toBe(401);
    expect(foreign.body).toMatchObject({ error: { code: 'unauthorized' } });
    const key = await createApiKey(api, globex, 'admin');
    expect((await on(`${acme.slug}.${BASE}`, 'GET', '/v1/users', { 'x-api-key': key.key })).status).toBe(401);
    expect((await on(`${globex.slug}.${BASE}`, 'GET', '/v1/users', { 'x-api-key': key.key })).status).toBe(200);
  });

  it("accepts only that organization's users at login on its host", async () => {
    const credentials = (s: Session) => ({ email: s.email, password: s.password });
    expect((await on(`${acme.slug}.${BASE}`, 'POST', '/v1/auth/login', {}, credentials(acme))).status).toBe(200);
    const elsewhere = await on(`${acme.slug}.${BASE}`, 'POST', '/v1/auth/login', {}, credentials(globex));
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body).toMatchObject({ error: { message: 'Invalid email or password' } });
  });

  it("refreshes only that organization's sessions on its host, and leaves the token usable elsewhere", async () => {
    const foreign = await on(
      `${acme.slug}.${BASE}`,
      'POST',
      '/v1/auth/refresh',
      {},
      { refreshToken: globex.refreshToken },
    );
    expect(foreign.status).toBe(401);
    const own = await on(
      `${globex.slug}.${BASE}`,
      'POST',
      '/v1/auth/refresh',
      {},
      { refreshToken: globex.refreshToken },
    );
    expect(own.status).toBe(200);
  });

  it('refuses everyone on a subdomain that names no organization', async () => {
    const host = `no-such-org.${BASE}`;
    expect((await on(host, 'GET', '/v1/auth/me', bearer(acme.accessToken))).status).toBe(401);
    expect((await on(host, 'POST', '/v1/auth/login', {}, { email: acme.email, password: acme.password })).status).toBe(
      401,
    );
  });

  it('changes nothing on the base domain or another host', async () => {
    for (const host of [BASE, '127.0.0.1', 'api.elsewhere.test']) {
      expect((await on(host, 'GET', '/v1/auth/me', bearer(globex.accessToken))).status).toBe(200);
      expect(
        (await on(host, 'POST', '/v1/auth/login', {}, { email: acme.email, password: acme.password })).status,
      ).toBe(200);
    }
  });
});
