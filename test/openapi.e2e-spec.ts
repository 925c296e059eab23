import { startTestApp, type TestApp } from './support/test-app';

interface OperationDoc {
  parameters?: { name: string; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { headers?: Record<string, { required?: boolean }> }>;
  security?: unknown[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationDoc>>;
  components: {
    securitySchemes: Record<string, Record<string, unknown>>;
    schemas: Record<string, { properties: Record<string, unknown> }>;
  };
}

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
    expect(statuses('/auth/login')).toEqual(expect.arrayContaining(['200', '202', '401', '422', '429']));
    expect(statuses('/auth/logout-all')).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(statuses('/auth/password')).toEqual(expect.arrayContaining(['200', '401', '403', '422', '429']));
    expect(statuses('/auth/password-reset')).toEqual(expect.arrayContaining(['202', '422', '429']));
    expect(statuses('/auth/password-reset/confirm')).toEqual(expect.arrayContaining(['200', '401', '422', '429']));
    expect(statuses('/auth/two-factor/enrol')).toEqual(expect.arrayContaining(['200', '401', '403', '409']));
    expect(statuses('/auth/two-factor/confirm')).toEqual(expect.arrayContaining(['200', '401', '403', '409', '422']));
    expect(statuses('/auth/two-factor/disable')).toEqual(
      expect.arrayContaining(['200', '401', '403', '409', '422', '429']),
    );
    expect(statuses('/auth/two-factor/login')).toEqual(expect.arrayContaining(['200', '401', '422', '429']));
    expect(statuses('/auth/two-factor/requirement', 'put')).toEqual(
      expect.arrayContaining(['200', '401', '403', '422']),
    );
    expect(statuses('/invitations')).toEqual(expect.arrayContaining(['201', '401', '403', '409', '422', '429']));
    // Any route with a caller may be refused while the organization requires two-factor.
    expect(statuses('/users', 'get')).toContain('403');
    expect(statuses('/tickets', 'get')).toContain('403');
  });

  it('types what generated clients rely on and describes both credentials', async () => {
    const document = (await (await fetch(`${t.url}/docs/json`)).json()) as OpenApiDocument;
    const parameter = (path: string, method: string, name: string) =>
      document.paths[path][method].parameters?.find((p) => p.name === name)?.schema;
    expect(parameter('/v1/tickets', 'get', 'skip')).toMatchObject({ type: 'integer', minimum: 0 });
    expect(parameter('/v1/tickets', 'get', 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(parameter('/v1/tickets/{id}', 'get', 'id')).toMatchObject({ type: 'string', format: 'uuid' });
    expect(parameter('/v1/tickets', 'get', 'tag')).not.toHaveProperty('example');
    expect(document.components.securitySchemes.apiKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
    expect(document.paths['/v1/tickets'].get.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(document.paths['/v1/tickets'].get.responses['401'].headers?.['WWW-Authenticate']).toMatchObject({
      required: true,
    });
    expect(document.paths['/v1/auth/login'].post.responses['429'].headers).toMatchObject({
      'Retry-After': { required: true },
      RateLimit: { required: true },
      'RateLimit-Policy': { required: true },
    });
    // Every operation with a body documents the framework's answers to a bad one.
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation.requestBody) continue;
        expect([path, method, Object.keys(operation.responses)]).toEqual([
          path,
          method,
          expect.arrayContaining(['400', '413', '415', '500']),
        ]);
      }
    }
  });

  it('gives the upload a schema per media type', async () => {
    const document = (await (await fetch(`${t.url}/docs/json`)).json()) as OpenApiDocument;
    const content = document.paths['/v1/knowledge/documents'].post.requestBody?.content ?? {};
    expect(content['multipart/form-data'].schema).toMatchObject({
      required: ['file'],
      properties: { file: { format: 'binary' } },
    });
    expect(content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateDocumentDto' });
    expect(document.components.schemas.CreateDocumentDto.properties.content).toMatchObject({ maxLength: 1_000_000 });
  });
});
