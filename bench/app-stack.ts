/**
 * The application under benchmark in one process: its own embedded PostgreSQL and Redis, the
 * migrations, the HTTP API on a loopback port and an indexing worker.
 */
import 'reflect-metadata';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { freePort } from '../scripts/stack/free-port';
import { type PostgresHandle, startPostgres } from '../scripts/stack/postgres';
import { startRedis } from '../scripts/stack/redis';
import { loadConfig } from '../src/core/config/load-config';
import { migrationDataSourceOptions } from '../src/core/database/data-source-options';
import { createHttpApp } from '../src/http-app';
import { WorkerModule } from '../src/worker.module';

export interface AppStack {
  url: string;
  postgres: PostgresHandle;
  /** The environment the app was configured from, for more processes of the same stack. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `overrides` add to the app's environment; `worker: false` leaves starting workers to the caller. */
export async function startAppStack(
  overrides: Record<string, string> = {},
  options: { worker?: boolean } = {},
): Promise<AppStack> {
  const root = mkdtempSync(join(tmpdir(), 'deskbase-bench-'));
  chmodSync(root, 0o755);
  const postgres = await startPostgres({
    dataDir: join(root, 'pg'),
    port: await freePort(),
    persistent: false,
    fast: true,
  });
  const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    JWT_SECRET: 'bench-only-secret-0123456789abcdefghij',
    AUTH_RATE_LIMIT_PER_IP: '1000000',
    // Seeding a million chunks outlasts the default 15 minutes of one access token.
    JWT_ACCESS_TTL_SECONDS: '86400',
    ...overrides,
  };
  const config = loadConfig(env);
  const migrator = await new DataSource(
    migrationDataSourceOptions({ ...config, DATABASE_OWNER_URL: postgres.ownerUrl }),
  ).initialize();
  await migrator.runMigrations();
  await migrator.destroy();

  const app = await createHttpApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  const worker: INestApplicationContext | undefined =
    options.worker === false
      ? undefined
      : await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await worker?.init();
  return {
    url: `http://127.0.0.1:${address.port}`,
    postgres,
    env,
    stop: async () => {
      await worker?.close();
      await app.close();
      await redis.stop();
      await postgres.stop();
    },
  };
}
