import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { freePort } from '../../scripts/stack/free-port';
import { spawn } from 'node:child_process';
import { startRedis, type RedisHandle } from '../../scripts/stack/redis';
import { migrationDataSourceOptions } from '../../src/core/database/data-source-options';
import { testConfig } from '../support/test-config';
import { probeKeys } from './fixtures/probe-queue';
import { eventually, killAll, startProcess, type RunningProcess } from './support/processes';
import { Redis } from 'ioredis';

interface PostgresHandle {
  url: string;
  ownerUrl: string;
  stop: () => Promise<void>;
}

/** PostgreSQL in a child process (see support/postgres-process.ts), on the same data each time. */
function startPostgres(dataDir: string, port: number): Promise<PostgresHandle> {
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '../../node_modules/tsx/dist/cli.mjs'),
      join(__dirname, 'support/postgres-process.ts'),
      dataDir,
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const [, url, ownerUrl] = output.match(/^ready (\S+) (\S+)$/m) ?? [];
      if (url) resolve({ url, ownerUrl, stop: () => (child.kill('SIGTERM'), exited) });
    });
    child.once('exit', (code) => reject(new Error(`postgres process exited with ${code}`)));
  });
}

/** One request with a deadline: a hang counts as a failure (status 0), not as a slow success. */
const status = (url: string, init: RequestInit = {}): Promise<number> =>
  fetch(url, { ...init, signal: AbortSignal.timeout(5_000) }).then(
    (r) => r.status,
    () => 0,
  );

describe('PostgreSQL and Redis stopped and restarted under load', () => {
  const root = mkdtempSync(join(tmpdir(), 'deskbase-deps-'));
  chmodSync(root, 0o755);
  let pgPort: number;
  let redisPort: number;
  let postgres: PostgresHandle;
  let redis: RedisHandle;
  let api: RunningProcess;
  let worker: RunningProcess;

  beforeAll(async () => {
    [pgPort, redisPort] = [await freePort(), await freePort()];
    postgres = await startPostgres(join(root, 'pg'), pgPort);
    redis = await startRedis({ dataDir: join(root, 'redis'), port: redisPort, persistent: false });
    const migrate = await new DataSource(
      migrationDataSourceOptions(testConfig({ DATABASE_URL: postgres.url, DATABASE_OWNER_URL: postgres.ownerUrl })),
    ).initialize();
    await migrate.runMigrations();
    await migrate.destroy();
    const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url };
    [api, worker] = await Promise.all([startProcess('api', env), startProcess('worker', env)]);
  });
  afterAll(async () => {
    await killAll([api, worker]);
    await redis?.stop();
    await postgres?.stop();
  });

  /** Requests from several clients at once, as load; every answer's status. */
  const load = (path: string, init?: RequestInit): Promise<number[]> =>
    Promise.all(Array.from({ length: 20 }, () => status(`${api.url}${path}`, init)));

  it('answers 503 (not 500, not a hang) while PostgreSQL is away, and recovers without a restart', async () => {
    expect(new Set(await load('/ops-probe/db'))).toEqual(new Set([200]));
    await postgres.stop();
    expect(new Set(await load('/ops-probe/db'))).toEqual(new Set([503]));
    expect(await status(`${api.url}/health/ready`)).toBe(503);
    expect(await status(`${api.url}/health/live`)).toBe(200);

    postgres = await startPostgres(join(root, 'pg'), pgPort);
    expect(await eventually(async () => (await status(`${api.url}/ops-probe/db`)) === 200)).toBe(true);
    expect(new Set(await load('/ops-probe/db'))).toEqual(new Set([200]));
    expect(await eventually(async () => (await status(`${api.url}/health/ready`)) === 200)).toBe(true);
  });

  it('answers 503 while Redis is away, recovers, and the worker takes jobs again', async () => {
    const enqueue = (key: string): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key, ms: 10 }),
    });
    await redis.stop();
    const during = await Promise.all(
      Array.from({ length: 20 }, () => status(`${api.url}/ops-probe/jobs`, enqueue(randomUUID()))),
    );
    expect(new Set(during)).toEqual(new Set([503]));
    expect(await status(`${api.url}/health/ready`)).toBe(503);

    redis = await startRedis({ dataDir: join(root, 'redis'), port: redisPort, persistent: false });
    const key = randomUUID();
    expect(await eventually(async () => (await status(`${api.url}/ops-probe/jobs`, enqueue(key))) === 201)).toBe(true);
    const client = new Redis(redis.url);
    try {
      expect(await eventually(async () => (await client.llen(probeKeys(key).completedBy)) === 1, 30_000)).toBe(true);
      expect(await client.lrange(probeKeys(key).completedBy, 0, -1)).toEqual([String(worker.child.pid)]);
    } finally {
      client.disconnect();
    }
    expect(await eventually(async () => (await status(`${worker.url}/health/ready`)) === 200)).toBe(true);
  });
});
