/**
 * `npm run bench:assistant`: how much the assistant adds between a model provider and the client.
 * One process holds a fake Anthropic upstream, the real API (real PostgreSQL and Redis, started
 * here) and the clients, so every timestamp comes from the same clock.
 *  - time to first delta: request sent -> first `delta` received, beside the fake upstream's own
 *    time to first text event when called directly (the baseline);
 *  - relay delay: upstream writes a text event -> the client parses the matching `delta`;
 *  - memory: heap after 500 streams aborted mid-way, then after 500 more, beside the heap before (after GC).
 * Results go to bench/results/assistant-relay-<time>.json. A measurement, not a test.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freePort } from '../scripts/stack/free-port';
import { startPostgres } from '../scripts/stack/postgres';
import { startRedis } from '../scripts/stack/redis';
import { loadConfig } from '../src/core/config/load-config';
import { migrationDataSourceOptions } from '../src/core/database/data-source-options';
import { createHttpApp } from '../src/http-app';
import { ApiClient, signUp } from '../test/support/api-client';
import { FakeModelServer, type Step } from '../test/support/fake-model-server';
import { passage, PassageFixture, withPassages } from '../test/support/passage-fixture';

const TIMED_STREAMS = 200;
const DELTAS_PER_STREAM = 20;
const ABORTED_STREAMS = 500;
const ABORT_BATCH = 50;
/** Gap between upstream text events, so each is its own write and its own delta. */
const UPSTREAM_GAP_MS = 2;

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function stats(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    count: sorted.length,
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

function gcHeap(): { heapUsedMb: number; rssMb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsedMb: Math.round(heapUsed / 1e5) / 10, rssMb: Math.round(rss / 1e5) / 10 };
}

/** Reads an SSE response, calling `onEvent` with the time each event was parsed. */
async function readEvents(
  response: Response,
  onEvent: (event: string, data: string, at: number) => boolean | void,
): Promise<void> {
  const decoder = new TextDecoder();
  let stop = false;
  const parser = createParser({
    onEvent: (message) => {
      if (onEvent(message.event ?? 'message', message.data, performance.now()) === false) stop = true;
    },
  });
  for await (const chunk of response.body ?? []) {
    parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    if (stop) return;
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'deskbase-bench-'));
  chmodSync(root, 0o755);
  const postgres = await startPostgres({
    dataDir: join(root, 'pg'),
    port: await freePort(),
    persistent: false,
    fast: true,
  });
  const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
  const upstream = await new FakeModelServer().start();
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    // Production refuses any secret written in the repository.
    JWT_SECRET: randomBytes(48).toString('base64url'),
    MAIL_DISABLED: 'true',
    ASSISTANT_PROVIDER: 'anthropic',
    ANTHROPIC_API_KEY: randomBytes(16).toString('hex'),
    ANTHROPIC_BASE_URL: upstream.url,
    ASSISTANT_PROVIDER_MAX_RETRIES: '0',
    ASSISTANT_MAX_CONCURRENT_STREAMS: String(ABORT_BATCH * 2),
    AUTH_RATE_LIMIT_PER_IP: '1000000',
  });
  const migrator = await new DataSource(
    migrationDataSourceOptions({ ...config, DATABASE_OWNER_URL: postgres.ownerUrl }),
  ).initialize();
  await migrator.runMigrations();
  await migrator.destroy();

  const fixture = new PassageFixture();
  const app = await createHttpApp(config, withPassages(fixture)(config));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  const url = `http://127.0.0.1:${address.port}`;
  const owner = await signUp(new ApiClient(url), 'bench');
  fixture.set(owner.organizationId, [passage(), passage(), passage()]);
  const headers = { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'application/json' };
  const timedPlan = (): Step[] =>
    Array.from({ length: DELTAS_PER_STREAM }, (_, i) => [{ text: `token${i} ` }, { pauseMs: UPSTREAM_GAP_MS }]).flat();

  // Baseline: the fake upstream alone, time to its first text event.
  const upstreamFirst: number[] = [];
  for (let i = 0; i < TIMED_STREAMS; i++) {
    upstream.enqueue({ steps: timedPlan() });
    const started = performance.now();
    const response = await fetch(`${upstream.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'bench' }),
    });
    let first: number | undefined;
    await readEvents(response, (event, _data, at) => {
      if (event !== 'content_block_delta') return;
      first ??= at - started;
      return false;
    });
    if (first !== undefined) upstreamFirst.push(first);
    await response.body?.cancel().catch(() => undefined);
    await upstream.last().closed;
  }

  // Through the API: time to first delta, and the relay delay of every delta.
  const firstDelta: number[] = [];
  const relayDelay: number[] = [];
  for (let i = 0; i < TIMED_STREAMS; i++) {
    upstream.enqueue({ steps: timedPlan() });
    const started = performance.now();
    const received: number[] = [];
    const response = await fetch(`${url}/v1/chat/stream`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ message: `Question ${i}` }),
    });
    await readEvents(response, (event, _data, at) => {
      if (event === 'delta') received.push(at);
    });
    const emitted = upstream.last().emittedAt;
    if (received.length !== emitted.length)
      throw new Error(`stream ${i}: ${received.length} deltas for ${emitted.length}`);
    firstDelta.push(received[0] - started);
    received.forEach((at, k) => relayDelay.push(at - emitted[k]));
  }

  // Memory: 500 streams aborted after their first delta, 50 at a time; twice, to tell warm-up from a leak.
  const abortMany = async (): Promise<void> => {
    for (let done = 0; done < ABORTED_STREAMS; done += ABORT_BATCH) {
      await Promise.all(
        Array.from({ length: ABORT_BATCH }, async (_, k) => {
          upstream.enqueue({ steps: [{ text: 'partial ' }, { stall: true }] });
          const controller = new AbortController();
          const response = await fetch(`${url}/v1/chat/stream`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ message: `Abort ${done + k}` }),
            signal: controller.signal,
          });
          await readEvents(response, (event) => (event === 'delta' ? false : undefined)).catch(() => undefined);
          controller.abort();
        }),
      );
      await Promise.all(upstream.requests.slice(-ABORT_BATCH).map((request) => request.closed));
    }
    // Let the aborted answers be recorded and their slots released.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  };
  const before = gcHeap();
  await abortMany();
  const afterFirst = gcHeap();
  await abortMany();
  const after = gcHeap();
  const abortedUpstream = upstream.requests.slice(-2 * ABORTED_STREAMS).filter((request) => request.aborted).length;
  const stored = await countAborted(postgres.superuserUrl);

  const results = {
    at: new Date().toISOString(),
    node: process.version,
    streams: TIMED_STREAMS,
    deltasPerStream: DELTAS_PER_STREAM,
    upstreamTimeToFirstTextMs: stats(upstreamFirst),
    timeToFirstDeltaMs: stats(firstDelta),
    relayDelayMs: stats(relayDelay),
    abortedStreams: {
      count: 2 * ABORTED_STREAMS,
      upstreamSawAbort: abortedUpstream,
      storedAsAborted: stored,
      heapBefore: before,
      heapAfterFirst500: afterFirst,
      heapAfterSecond500: after,
      heapGrowthFirstMb: Math.round((afterFirst.heapUsedMb - before.heapUsedMb) * 10) / 10,
      heapGrowthSecondMb: Math.round((after.heapUsedMb - afterFirst.heapUsedMb) * 10) / 10,
    },
  };
  mkdirSync(join(__dirname, '..', '..', 'results'), { recursive: true });
  const file = join(__dirname, '..', '..', 'results', `assistant-relay-${Date.now()}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  say(JSON.stringify(results, null, 2));
  say(`written to ${file}`);

  await app.close();
  await upstream.stop();
  await redis.stop();
  await postgres.stop();
  rmSync(root, { recursive: true, force: true });
}

/** Assistant messages recorded as aborted, read as the superuser (RLS hides them from the app role). */
async function countAborted(superuserUrl: string): Promise<number> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM messages WHERE finish_reason = 'aborted'",
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  },
);
