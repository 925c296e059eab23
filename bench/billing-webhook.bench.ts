/**
 * How long Stripe waits for our answer: signed deliveries to POST /v1/billing/webhooks/stripe
 * (verify, store, enqueue, answer), one at a time and 16 at once, against GET /health/live in
 * the same process as the floor of an HTTP round trip here. Run: npm run bench:billing [events]
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { freePort } from '../scripts/stack/free-port';
import { startPostgres } from '../scripts/stack/postgres';
import { startRedis } from '../scripts/stack/redis';
import { loadConfig } from '../src/core/config/load-config';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { createHttpApp } from '../src/http-app';
import { deliver, signEvent, stripeEvent } from '../test/support/stripe-events';

const EVENTS = Number(process.argv[2] ?? 2_000);
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('hex')}`;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const say = (line: string): boolean => process.stdout.write(`${line}\n`);

/** Runs `count` requests, `concurrency` at a time; returns each one's milliseconds. */
async function measure(
  count: number,
  concurrency: number,
  request: (i: number) => Promise<Response>,
): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      const response = await request(i);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`request ${i}: ${response.status}`);
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return times;
}

const describeTimes = (label: string, times: number[]): string =>
  `${label.padEnd(34)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms  max ${Math.max(...times).toFixed(2)} ms`;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'deskbase-bench-'));
  chmodSync(root, 0o755);
  const postgres = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), persistent: false });
  const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    JWT_SECRET: 'bench-only-secret-0123456789abcdefghij',
    STRIPE_SECRET_KEY: `sk_test_${randomBytes(24).toString('hex')}`,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_PRICE_TEAM: 'price_team',
    STRIPE_PRICE_BUSINESS: 'price_business',
  });
  const migrator = await new DataSource(dataSourceOptions(config, 'bench')).initialize();
  await migrator.runMigrations();
  await migrator.destroy();
  const app = await createHttpApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  try {
    // Signed up front: the bench measures the server, not the signing.
    const signed = (count: number) =>
      Array.from({ length: count }, () =>
        signEvent(
          stripeEvent('customer.subscription.updated', { id: 'sub_bench', object: 'subscription' }),
          WEBHOOK_SECRET,
        ),
      );
    const warmup = signed(200);
    await measure(warmup.length, 4, (i) => deliver(url, warmup[i].body, warmup[i].signature));
    say(`${EVENTS} deliveries per row (Node ${process.version}); each stores a row and adds a BullMQ job`);
    for (const concurrency of [1, 16]) {
      const events = signed(EVENTS);
      const health = await measure(EVENTS, concurrency, () => fetch(`${url}/health/live`));
      const webhooks = await measure(EVENTS, concurrency, (i) => deliver(url, events[i].body, events[i].signature));
      const duplicates = await measure(EVENTS, concurrency, (i) => deliver(url, events[i].body, events[i].signature));
      say(describeTimes(`GET /health/live x${concurrency}`, health));
      say(describeTimes(`webhook, new event x${concurrency}`, webhooks));
      say(describeTimes(`webhook, duplicate x${concurrency}`, duplicates));
    }
  } finally {
    await app.close();
    await redis.stop();
    await postgres.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
