import { ApiClient, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { MISSING_ID } from './support/expect-envelope';
import { startTestApp, type TestApp } from './support/test-app';

interface Injected {
  status: number;
  body: { error?: { code: string; message: string; requestId: string; details?: Array<{ field: string }> } };
  requestId: string | undefined;
}

/** The table, answered: each hostile request gets its 4xx in the envelope and stores nothing. */
describe('hostile requests answer in the envelope', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(new ApiClient(t.url), 'hostile-requests');
  });
  afterAll(() => t.close());

  async function send(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: string,
    type?: string,
  ): Promise<Injected> {
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${owner.accessToken}`, ...(type ? { 'content-type': type } : {}) },
      ...(payload !== undefined ? { payload } : {}),
    });
    return {
      status: response.statusCode,
      body: response.json(),
      requestId: response.headers['x-request-id'] as string | undefined,
    };
  }

  const ticketCount = async (): Promise<number> =>
    (
      await sql<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE organization_id = $1', [
        owner.organizationId,
      ])
    )[0].n;

  function expectEnvelope(response: Injected, status: number, code: string): void {
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status, code });
    expect(response.body.error?.requestId).toBe(response.requestId);
  }

  it('JSON nested past the depth limit is 400 on every route with a body, before anything parses it', async () => {
    for (const url of ['/v1/tickets', '/v1/agents', '/v1/chat', '/v1/knowledge/documents', '/v1/invitations']) {
      const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
      expectEnvelope(await send('POST', url, deep, 'application/json'), 400, 'bad_request');
      expectEnvelope(
        await send('POST', url, `${'['.repeat(5_000)}${']'.repeat(5_000)}`, 'application/json'),
        400,
        'bad_request',
      );
    }
  });

  it('a NUL or an unpaired surrogate in any string is 422 naming the field', async () => {
    const before = await ticketCount();
    const cases: Array<[string, string, string | undefined, string]> = [
      ['POST', '/v1/tickets', JSON.stringify({ subject: 'Hi\u0000there', description: 'x' }), 'subject'],
      ['POST', '/v1/agents', JSON.stringify({ name: 'A', systemPrompt: 'be \ud800 kind' }), 'systemPrompt'],
      ['GET', '/v1/knowledge/search?q=refund%00s', undefined, 'q'],
    ];
    for (const [method, url, body, field] of cases) {
      const response = await send(method as 'GET', url, body, body ? 'application/json' : undefined);
      expectEnvelope(response, 422, 'validation_failed');
      expect(response.body.error?.details).toEqual([expect.objectContaining({ field })]);
    }
    expect(await ticketCount()).toBe(before);
  });

  it('numbers past a bound are 422, on every paged list and on a ticket version', async () => {
    for (const url of ['/v1/tickets', '/v1/users', '/v1/knowledge/documents', '/v1/conversations', '/v1/agents']) {
      expectEnvelope(await send('GET', `${url}?skip=1e20`), 422, 'validation_failed');
      expectEnvelope(await send('GET', `${url}?skip=99999999999999999999`), 422, 'validation_failed');
    }
    const version = await send(
      'PATCH',
      `/v1/tickets/${MISSING_ID}`,
      JSON.stringify({ version: 1e20 }),
      'application/json',
    );
    expectEnvelope(version, 422, 'validation_failed');
    expect(version.body.error?.details).toEqual([expect.objectContaining({ field: 'version' })]);
  });

  it('framework refusals come in the envelope: long path parameter 414, malformed URL 400, unknown route 404', async () => {
    expectEnvelope(await send('GET', `/v1/tickets/${'a'.repeat(10_000)}`), 414, 'bad_request');
    expectEnvelope(await send('GET', '/v1/tickets/%zz'), 400, 'bad_request');
    expectEnvelope(await send('GET', '/v1/nothing-here'), 404, 'not_found');
  });

  it('only the documented content types: form-encoded, text and multipart on a JSON route are 415 and create nothing', async () => {
    const before = await ticketCount();
    expectEnvelope(
      await send('POST', '/v1/tickets', 'subject=Hello&description=World', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    );
    expectEnvelope(
      await send('POST', '/v1/tickets', '{"subject":"Hello"}', 'text/plain'),
      415,
      'unsupported_media_type',
    );
    expectEnvelope(
      await send(
        'POST',
        '/v1/tickets',
        '--x\r\nContent-Disposition: form-data; name="subject"\r\n\r\nHello\r\n--x--\r\n',
        'multipart/form-data; boundary=x',
      ),
      415,
      'unsupported_media_type',
    );
    expect(await ticketCount()).toBe(before);
  });
});
