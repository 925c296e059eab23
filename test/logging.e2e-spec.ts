import { captureStdout } from './support/capture-stdout';
import { withContractFixture } from './support/contract-fixture';
import { startTestApp, type TestApp } from './support/test-app';

describe('request logging', () => {
  let t: TestApp;
  let output: ReturnType<typeof captureStdout>;

  beforeAll(async () => {
    output = captureStdout();
    t = await startTestApp({ LOG_LEVEL: 'info', NODE_ENV: 'production' }, withContractFixture);
  });
  afterAll(async () => {
    await t.close();
    output.restore();
  });

  it('puts the request id on every line of the request, including lines from services', async () => {
    const response = await fetch(`${t.url}/v1/probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-service-line' },
      body: JSON.stringify({ email: 'a@example.com', name: 'Ada', count: 2 }),
    });
    expect(response.status).toBe(201);

    const lines = output.lines().filter((line) => line.requestId === 'trace-service-line');
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['probe.handled', 'request completed']));
    expect(lines.find((line) => line.msg === 'probe.handled')).toMatchObject({ count: 2 });
  });

  it('logs an unexpected error with its stack under the request id', async () => {
    await fetch(`${t.url}/v1/probe/boom`, { headers: { 'x-request-id': 'trace-boom' } });
    const line = output.lines().find((l) => l.requestId === 'trace-boom' && l.msg === 'http.unhandled_error');
    expect((line?.err as { stack?: string } | undefined)?.stack).toContain('secret_table');
  });

  it('never writes credentials sent with a request', async () => {
    const secrets = ['Bearer jwt-SECRET-1111', 'session=cookie-SECRET-2222', 'dsk_key_SECRET-3333', 'pw-SECRET-4444'];
    await fetch(`${t.url}/v1/probe?token=query-SECRET-5555`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'trace-redaction',
        authorization: secrets[0],
        cookie: secrets[1],
        'x-api-key': secrets[2],
      },
      body: JSON.stringify({ email: 'a@example.com', name: 'Ada', count: 2, password: secrets[3] }),
    });

    const line = output.lines().find((l) => l.requestId === 'trace-redaction' && l.msg === 'request completed');
    expect(line).toBeDefined();
    expect((line?.req as { headers: Record<string, string> }).headers.authorization).toBe('[redacted]');
    for (const secret of [...secrets, 'query-SECRET-5555'])
      expect(output.text()).not.toContain(secret.split(' ').pop());
  });

  it('writes one line a request: its id, method, route template without the query, status, duration, level by status', async () => {
    await fetch(`${t.url}/v1/probe/message?token=query-token`, { headers: { 'x-request-id': 'trace-page' } });
    await fetch(`${t.url}/v1/probe/missing`, { headers: { 'x-request-id': 'trace-missing' } });
    await fetch(`${t.url}/v1/no-such-route?token=query-token`, { headers: { 'x-request-id': 'trace-unrouted' } });

    const completed = (id: string) =>
      output.lines().filter((line) => line.requestId === id && line.msg === 'request completed');
    expect(completed('trace-page')).toEqual([
      expect.objectContaining({
        level: 30,
        req: expect.objectContaining({ method: 'GET', url: '/v1/probe/message' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    expect(completed('trace-missing')).toEqual([
      expect.objectContaining({
        level: 40,
        req: expect.objectContaining({ url: '/v1/probe/missing' }),
        res: { statusCode: 404 },
      }),
    ]);
    expect(completed('trace-unrouted')).toEqual([
      expect.objectContaining({ req: expect.objectContaining({ url: '/v1/no-such-route' }), res: { statusCode: 404 } }),
    ]);
    expect(output.text()).not.toContain('query-token');
  });

  it('keeps each request’s id on its own lines when requests overlap', async () => {
    const ids = Array.from({ length: 8 }, (_, index) => `trace-overlap-${index}`);
    await Promise.all(
      ids.map((id, index) =>
        fetch(`${t.url}/v1/probe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          body: JSON.stringify({ email: 'a@example.com', name: 'Ada', count: (index % 10) + 1 }),
        }),
      ),
    );
    for (const [index, id] of ids.entries()) {
      const lines = output.lines().filter((line) => line.requestId === id);
      expect(lines.map((line) => line.msg).sort()).toEqual(['probe.handled', 'request completed']);
      expect(lines.find((line) => line.msg === 'probe.handled')).toMatchObject({ count: (index % 10) + 1 });
    }
  });

  it('writes no line for the probes', async () => {
    await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'trace-probe' } });
    expect(output.lines().filter((line) => line.requestId === 'trace-probe')).toEqual([]);
  });
});
