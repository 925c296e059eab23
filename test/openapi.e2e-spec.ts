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
});
