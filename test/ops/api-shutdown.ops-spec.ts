import { testStack } from '../support/test-stack';
import { killAll, startProcess, type RunningProcess } from './support/processes';

describe('API process on SIGTERM under load', () => {
  let api: RunningProcess;
  afterAll(() => killAll([api]));

  it('turns readiness 503 at once, keeps serving through the delay, finishes every accepted request, ends SSE streams, exits 0', async () => {
    const { databaseUrl, redisUrl } = testStack();
    api = await startProcess('api', {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      SHUTDOWN_DELAY_MS: '1500',
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);

    const stream = await fetch(`${api.url}/ops-probe/stream`);
    const streamText = stream.text();

    // Load: slow requests in flight when the signal arrives, all accepted before it.
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      fetch(`${api.url}/ops-probe/slow?ms=${1000 + (i % 10) * 100}`).then(
        async (r) => ({ status: r.status, body: await r.json() }),
        (error: unknown) => ({ status: 0, body: String(error) }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    api.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: { code: 'service_unavailable' } });
    // Still serving new requests during the delay, so the load balancer has time to notice.
    expect((await fetch(`${api.url}/ops-probe/slow?ms=10`)).status).toBe(200);

    const results = await Promise.all(inFlight);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(await streamText).toContain('event: error\ndata: {"code":"service_unavailable"');
    expect(await api.exited).toBe(0);
  });
});
