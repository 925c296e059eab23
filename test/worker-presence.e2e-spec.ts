import { Worker } from 'bullmq';
import { QUEUES } from '../src/core/queue/queue-names';
import { startTestApp, type TestApp } from './support/test-app';

/** Polls until `probe` returns true or the deadline passes. */
async function eventually(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('API readiness and the workers behind its queues', () => {
  let t: TestApp;
  let worker: Worker | undefined;
  beforeAll(async () => {
    t = await startTestApp({ READINESS_WORKER_ABSENCE_MS: '1000' });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const ready = () => fetch(`${t.url}/health/ready`);

  it('fails once a queue has had no live worker for longer than the configured time, liveness unaffected', async () => {
    let body: unknown;
    expect(
      await eventually(async () => {
        const response = await ready();
        body = await response.json();
        return response.status === 503;
      }),
    ).toBe(true);
    expect(body).toMatchObject({
      error: {
        code: 'service_unavailable',
        details: [{ field: 'workers', message: `no live worker for ${QUEUES.knowledgeIndexing}` }],
      },
    });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
  });

  it('recovers as soon as a worker consumes the queue', async () => {
    // A bare consumer stands in for the real processor: presence is what readiness looks at.
    worker = new Worker(QUEUES.knowledgeIndexing, () => Promise.resolve(), {
      connection: { url: t.config.REDIS_URL, maxRetriesPerRequest: null },
    });
    await worker.waitUntilReady();
    expect(await eventually(async () => (await ready()).status === 200)).toBe(true);
    expect(await (await ready()).json()).toMatchObject({ data: { details: { workers: { status: 'up' } } } });
  });
});
