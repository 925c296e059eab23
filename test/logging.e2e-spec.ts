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
});
