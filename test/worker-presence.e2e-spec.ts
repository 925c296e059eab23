import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import { freePort } from '../scripts/stack/free-port';
import { startRedis, type RedisHandle } from '../scripts/stack/redis';
import { ALL_QUEUES } from '../src/core/queue/queue-names';
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
  let workers: Worker[] = [];
  let redis: RedisHandle;
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbase-worker-presence-'));
  beforeAll(async () => {
    // Its own Redis: the workers other specs run on the shared one would count as live here.
    redis = await startRedis({ dataDir, port: await freePort(), persistent: false });
    t = await startTestApp({ READINESS_WORKER_ABSENCE_MS: '1000', REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await t?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
        details: [{ field: 'workers', message: `no live worker for ${ALL_QUEUES.join(', ')}` }],
      },
    });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
  });

  it('recovers as soon as a worker consumes each queue', async () => {
    // Bare consumers stand in for the real processors: presence is what readiness looks at.
    workers = ALL_QUEUES.map(
      (queue) =>
        new Worker(queue, () => Promise.resolve(), {
          connection: { url: t.config.REDIS_URL, maxRetriesPerRequest: null },
        }),
    );
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    expect(await eventually(async () => (await ready()).status === 200)).toBe(true);
    expect(await (await ready()).json()).toMatchObject({ data: { details: { workers: { status: 'up' } } } });
  });
});
