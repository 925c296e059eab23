import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/stack/free-port';
import { startRedis, type RedisHandle } from '../scripts/stack/redis';
import { ShutdownState } from '../src/core/lifecycle/shutdown-state';
import { captureStdout } from './support/capture-stdout';
import { startTestApp, type TestApp } from './support/test-app';

/** Polls until `probe` returns true or the deadline passes. */
async function eventually(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

describe('health probes against a Redis that goes away and comes back', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbase-health-'));
  let port: number;
  let redis: RedisHandle;
  let t: TestApp;
  let output: ReturnType<typeof captureStdout>;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis({ dataDir, port, persistent: false });
    output = captureStdout();
    t = await startTestApp({ REDIS_URL: redis.url, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await t.close();
    output.restore();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const status = async (path: string): Promise<number> => (await fetch(`${t.url}${path}`)).status;

  it('is ready with both dependencies up', async () => {
    const response = await fetch(`${t.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      data: { status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } },
    });
  });

  it('turns 503 while Redis is stopped, keeps liveness at 200, and recovers when Redis returns', async () => {
    await redis.stop();

    const down = await fetch(`${t.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      error: { code: 'service_unavailable', details: [{ field: 'redis', message: 'unreachable' }] },
    });
    expect(await status('/health/live')).toBe(200);

    redis = await startRedis({ dataDir, port, persistent: false });
    expect(await eventually(async () => (await status('/health/ready')) === 200)).toBe(true);
  });

  it('logs an outage of Redis once as it begins and once as it ends, not each failed reconnect', async () => {
    const printed = jest.spyOn(console, 'error');
    const logged = (msg: string): Array<Record<string, unknown>> =>
      output.lines().filter((line) => line.msg === msg && line.context === 'redis');
    const before = { down: logged('redis.unreachable').length, up: logged('redis.reachable').length };
    await redis.stop();
    // The client retries after 0.2, 0.4, 0.6 s...: several failed reconnects before Redis returns.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    redis = await startRedis({ dataDir, port, persistent: false });
    expect(await eventually(async () => (await status('/health/ready')) === 200)).toBe(true);
    expect(await eventually(() => Promise.resolve(logged('redis.reachable').length > before.up))).toBe(true);

    const down = logged('redis.unreachable').slice(before.down);
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ level: 40, code: 'ECONNREFUSED' }); // pino's warn;
    expect(logged('redis.reachable').slice(before.up)).toHaveLength(1);
    expect(printed.mock.calls.flat().join(' ')).not.toContain('[ioredis]');
    printed.mockRestore();
  });

  it('turns 503 as soon as shutdown begins', async () => {
    t.app.get(ShutdownState).begin();
    const response = await fetch(`${t.url}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'service_unavailable', message: 'Shutting down' } });
    expect(await status('/health/live')).toBe(200);
  });
});
