import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { testStack } from '../support/test-stack';
import { probeKeys } from './fixtures/probe-queue';
import { eventually, killAll, startProcess, type RunningProcess } from './support/processes';

describe('two API processes and two workers on one PostgreSQL and Redis', () => {
  const { databaseUrl, redisUrl } = testStack();
  const redis = new Redis(redisUrl);
  let processes: RunningProcess[] = [];
  afterAll(async () => {
    await killAll(processes);
    redis.disconnect();
  });

  beforeAll(async () => {
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, AUTH_RATE_LIMIT_PER_IP: '5' };
    processes = await Promise.all([
      startProcess('api', env),
      startProcess('api', env),
      startProcess('worker', env),
      startProcess('worker', env),
    ]);
  });

  it('runs each job exactly once, whichever API enqueued it and however often, spread over both workers', async () => {
    const [apiA, apiB, workerA, workerB] = processes;
    const keys = Array.from({ length: 40 }, () => randomUUID());
    // Every job is submitted twice, once through each API: the deterministic job id deduplicates.
    const submit = (url: string, key: string) =>
      fetch(`${url}/ops-probe/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key, ms: 50 }),
      }).then((r) => r.status);
    const statuses = await Promise.all(keys.flatMap((key) => [submit(apiA.url, key), submit(apiB.url, key)]));
    expect(new Set(statuses)).toEqual(new Set([201]));

    const done = async () =>
      (await Promise.all(keys.map((k) => redis.llen(probeKeys(k).completedBy)))).every((n) => n > 0);
    expect(await eventually(done, 60_000)).toBe(true);
    const runs = await Promise.all(keys.map((k) => redis.lrange(probeKeys(k).completedBy, 0, -1)));
    expect(runs.filter((r) => r.length !== 1)).toEqual([]);
    const pids = new Set(runs.flat());
    expect([...pids].every((pid) => [workerA.child.pid, workerB.child.pid].map(String).includes(pid))).toBe(true);
  });

  it('shares rate limits across the API processes', async () => {
    const [apiA, apiB] = processes;
    const email = `nobody-${randomUUID()}@example.com`;
    const login = (url: string) =>
      fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'wrong password for sure' }),
      }).then((r) => r.status);
    // The per-address limit is 5: three attempts on each process make six in one shared window.
    const statuses: number[] = [];
    for (const url of [apiA.url, apiB.url, apiA.url, apiB.url, apiA.url, apiB.url]) statuses.push(await login(url));
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
  });
});
