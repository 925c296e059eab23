import { startTestApp, type TestApp } from './support/test-app';

describe('API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves Swagger UI at /docs', async () => {
    const response = await fetch(`${t.url}/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
    const bundle = await fetch(`${t.url}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('serves the OpenAPI document at /docs/json with bearer auth and the wrapped shapes', async () => {
    const document = (await (await fetch(`${t.url}/docs/json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer.scheme).toBe('bearer');
    expect(document.paths['/health/ready'].get.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { properties: { data: { $ref: expect.any(String) } } } } },
    });
    expect(document.paths['/health/ready'].get.responses['503']).toBeDefined();
  });

  it('documents the account routes with every answer they give', async () => {
    const document = (await (await fetch(`${t.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const statuses = (path: string, method = 'post') =>
      Object.keys(document.paths[`/v1${path}`][method].responses).sort();
    expect(statuses('/auth/login')).toEqual(['200', '202', '401', '422', '429']);
    expect(statuses('/auth/logout-all')).toEqual(['200', '401', '403']);
    expect(statuses('/auth/password')).toEqual(['200', '401', '403', '422', '429']);
    expect(statuses('/auth/password-reset')).toEqual(['202', '422', '429']);
    expect(statuses('/auth/password-reset/confirm')).toEqual(['200', '401', '422', '429']);
    expect(statuses('/auth/two-factor/enrol')).toEqual(['200', '401', '403', '409']);
    expect(statuses('/auth/two-factor/confirm')).toEqual(['200', '401', '403', '409', '422']);
    expect(statuses('/auth/two-factor/disable')).toEqual(['200', '401', '403', '409', '422', '429']);
    expect(statuses('/auth/two-factor/login')).toEqual(['200', '401', '422', '429']);
    expect(statuses('/auth/two-factor/requirement', 'put')).toEqual(['200', '401', '403', '422']);
    expect(statuses('/invitations')).toEqual(['201', '401', '403', '409', '422', '429']);
    // Any route with a caller may be refused while the organization requires two-factor.
    expect(statuses('/users', 'get')).toContain('403');
    expect(statuses('/tickets', 'get')).toContain('403');
  });
});
