import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { testStack } from '../support/test-stack';
import { PROBE_QUEUE, probeKeys } from './fixtures/probe-queue';
import { eventually, killAll, startProcess, type RunningProcess } from './support/processes';

describe('worker process on SIGTERM mid-job', () => {
  const { databaseUrl, redisUrl } = testStack();
  const redis = new Redis(redisUrl);
  const queue = new Queue(PROBE_QUEUE, { connection: { url: redisUrl } });
  const started: RunningProcess[] = [];
  afterAll(async () => {
    await killAll(started);
    await queue.close();
    redis.disconnect();
  });

  const startWorker = async (timeoutMs: string): Promise<RunningProcess> => {
    const worker = await startProcess('worker', {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      SHUTDOWN_TIMEOUT_MS: timeoutMs,
    });
    started.push(worker);
    return worker;
  };

  it('finishes an active job that fits in the timeout before exiting 0', async () => {
    const first = await startWorker('10000');
    const key = randomUUID();
    await queue.add('probe', { key, ms: 1500 }, { jobId: key });
    expect(await eventually(async () => (await redis.llen(probeKeys(key).started)) === 1)).toBe(true);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await redis.lrange(probeKeys(key).completedBy, 0, -1)).toEqual([String(first.child.pid)]);
  });

  it('exits 0 at the timeout with a job cut off, which another worker then completes exactly once', async () => {
    const first = await startWorker('1000');
    const key = randomUUID();
    await queue.add('probe', { key, ms: 4000 }, { jobId: key, attempts: 3 });
    expect(await eventually(async () => (await redis.llen(probeKeys(key).started)) === 1)).toBe(true);
    expect(await redis.lrange(probeKeys(key).started, 0, -1)).toEqual([String(first.child.pid)]);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await startWorker('10000');

    expect(await eventually(async () => (await redis.llen(probeKeys(key).completedBy)) > 0, 30_000)).toBe(true);
    const job = await queue.getJob(key);
    expect(await job?.getState()).toBe('completed');
    expect(await redis.lrange(probeKeys(key).completedBy, 0, -1)).toEqual([String(second.child.pid)]);
  });
});
