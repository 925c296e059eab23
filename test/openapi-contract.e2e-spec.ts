import { loadContract, takeContractProblems } from './support/openapi-contract';
import { startTestApp, type TestApp } from './support/test-app';

const envelope = (code: string, message: string) => JSON.stringify({ error: { code, message, requestId: 'r-1' } });
const json = { 'content-type': 'application/json; charset=utf-8' };

/** The checker every e2e response goes through must itself refuse what the document does not say. */
describe('the OpenAPI contract check', () => {
  const contract = loadContract();
  const operation = (method: string, route: string) => {
    const found = contract.operation(method, route);
    if (!found) throw new Error(`${method} ${route} is not in the document`);
    return found;
  };

  it('accepts a response as documented, nulls included', () => {
    const getTicket = operation('get', '/v1/tickets/:id');
    expect(contract.check(getTicket, 404, json, envelope('not_found', 'Ticket not found'))).toEqual([]);
    const document = {
      id: '0190f3a2-8c1e-7c55-9d51-2b1f1c2a9e10',
      title: 'Refund policy',
      filename: null,
      format: 'markdown',
      sizeBytes: 12,
      status: 'queued',
      progress: 0,
      chunkCount: 0,
      version: 1,
      error: null,
      createdAt: '2026-01-15T09:30:00.000Z',
      indexedAt: null,
    };
    const getDocument = operation('get', '/v1/knowledge/documents/:id');
    expect(contract.check(getDocument, 200, json, JSON.stringify({ data: document }))).toEqual([]);
    const failed = { ...document, status: 'failed', error: { code: 'corrupt_file', message: 'Damaged' } };
    expect(contract.check(getDocument, 200, json, JSON.stringify({ data: failed }))).toEqual([]);
  });

  it('refuses an undocumented status, property, media type or missing required header', () => {
    const getTicket = operation('get', '/v1/tickets/:id');
    expect(contract.check(getTicket, 418, json, envelope('bad_request', 'x'))).toEqual([
      'status 418 is not documented',
    ]);
    const extra = JSON.stringify({ error: { code: 'not_found', message: 'x', requestId: 'r', stack: 'at ...' } });
    expect(contract.check(getTicket, 404, json, extra)).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    expect(contract.check(getTicket, 404, { 'content-type': 'text/html' }, '<h1>404</h1>')).toEqual([
      'media type "text/html" is not documented',
    ]);
    expect(contract.check(getTicket, 401, json, envelope('unauthorized', 'x'))).toEqual([
      'required header WWW-Authenticate is missing',
    ]);
    const login = operation('post', '/v1/auth/login');
    const tooMany = {
      ...json,
      'retry-after': 'soon',
      ratelimit: '"login";r=0;t=5',
      'ratelimit-policy': '"login";q=4;w=60',
    };
    expect(contract.check(login, 429, tooMany, envelope('rate_limited', 'x'))).toEqual([
      expect.stringContaining('header Retry-After data must be integer'),
    ]);
  });

  it('refuses a body that breaks a type, a format or a bound', () => {
    const list = operation('get', '/v1/tickets');
    const page = (data: unknown[], limit = 20) => JSON.stringify({ data, total: data.length, skip: 0, limit });
    expect(contract.check(list, 200, json, page([], 20))).toEqual([]);
    expect(contract.check(list, 200, json, page([], 500))).toEqual([expect.stringContaining('limit must be <= 100')]);
    expect(contract.check(list, 200, json, page([{ id: 'not-a-uuid' }]))).toEqual([
      expect.stringContaining('must match format "uuid"'),
    ]);
  });

  it('expects an unknown route to answer 404 in the envelope', () => {
    expect(contract.checkUnmatched(404, envelope('not_found', 'Route not found'))).toEqual([]);
    expect(contract.checkUnmatched(200, '{}')).toEqual(['an unknown route answered 200']);
    expect(contract.checkUnmatched(404, '{"message":"Not Found"}')).toEqual([
      expect.stringContaining("must have required property 'error'"),
    ]);
  });

  describe('on a running app', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('records nothing for documented answers and sends the 401 challenge', async () => {
      const response = await fetch(`${t.url}/v1/auth/me`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="deskbase"');
      expect((await fetch(`${t.url}/v1/no-such-route`)).status).toBe(404);
      expect(takeContractProblems()).toEqual([]);
    });
  });
});
