import { withContractFixture } from './support/contract-fixture';
import { startTestApp, type TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('HTTP contract: envelopes for success and for every error class', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '2048' }, withContractFixture);
  });
  afterAll(() => t.close());

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${t.url}/v1/probe`, { method: 'POST', headers: { 'content-type': contentType }, body });

  async function expectError(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
    return body.error;
  }

  it('wraps a single result in { data }', async () => {
    const response = await post(JSON.stringify({ email: 'a@example.com', name: 'Ada', count: 3 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ data: { email: 'a@example.com', name: 'Ada', count: 3 } });
  });

  it('passes a page through as { data, total, skip, limit }', async () => {
    const response = await fetch(`${t.url}/v1/probe/page?skip=4&limit=5`);
    expect(await response.json()).toEqual({ data: [1, 2], total: 2, skip: 4, limit: 5 });
  });

  it('applies pagination defaults and refuses a page larger than 100', async () => {
    expect(await (await fetch(`${t.url}/v1/probe/page`)).json()).toMatchObject({ skip: 0, limit: 20 });
    const error = await expectError(await fetch(`${t.url}/v1/probe/page?limit=101`), 422, 'validation_failed');
    expect(error.details).toEqual([{ field: 'limit', message: expect.stringContaining('100') }]);
  });

  it('passes a message through as { message }', async () => {
    expect(await (await fetch(`${t.url}/v1/probe/message`)).json()).toEqual({ message: 'Done' });
  });

  it('answers malformed JSON with 400 bad_request', async () => {
    await expectError(await post('{"email": '), 400, 'bad_request');
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    await expectError(await post(JSON.stringify({ email: 'x'.repeat(4096) })), 413, 'payload_too_large');
  });

  it('answers an unsupported content type with 415 unsupported_media_type', async () => {
    await expectError(await post('<probe/>', 'application/xml'), 415, 'unsupported_media_type');
  });

  it('answers an unknown route with 404 not_found, without echoing the path', async () => {
    const error = await expectError(await fetch(`${t.url}/v1/no-such-thing`), 404, 'not_found');
    expect(error.message).toBe('Route not found');
  });

  it('answers invalid and unknown fields with 422 and one detail per problem', async () => {
    const response = await post(JSON.stringify({ email: 'not-an-email', name: 'Ada', count: 11, admin: true }));
    const error = await expectError(response, 422, 'validation_failed');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'email must be an email' },
        { field: 'count', message: 'count must not be greater than 10' },
        { field: 'admin', message: 'property admin should not exist' },
      ]),
    );
    expect(error.details).toHaveLength(3);
  });

  it("maps a service's AppError to its status with the thing's name", async () => {
    const error = await expectError(await fetch(`${t.url}/v1/probe/missing`), 404, 'not_found');
    expect(error.message).toBe('Ticket not found');
  });

  it('answers 429 with Retry-After', async () => {
    const response = await fetch(`${t.url}/v1/probe/limited`);
    expect(response.headers.get('retry-after')).toBe('7');
    await expectError(response, 429, 'rate_limited');
  });

  it('answers an unexpected error with a generic 500 that leaks nothing', async () => {
    const response = await fetch(`${t.url}/v1/probe/boom`);
    const text = await response.clone().text();
    const error = await expectError(response, 500, 'internal_error');
    expect(error.message).toBe('Internal server error');
    expect(text).not.toMatch(/secret_table|internal\.ts|\/srv\/|at /);
  });

  it('generates a UUIDv7 request id when none is sent', async () => {
    const response = await fetch(`${t.url}/health/live`);
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });

  it('echoes a sane X-Request-Id and replaces one that is not', async () => {
    const kept = await fetch(`${t.url}/v1/probe/missing`, { headers: { 'x-request-id': 'edge-42.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-42.abc');
    expect(((await kept.json()) as { error: { requestId: string } }).error.requestId).toBe('edge-42.abc');

    const replaced = await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'bad id\twith "quotes"' } });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
  });
});
