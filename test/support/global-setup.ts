import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startPostgres } from '../../scripts/stack/postgres';
import { startRedis } from '../../scripts/stack/redis';
import { freePort } from '../../scripts/stack/free-port';
import { migrationDataSourceOptions } from '../../src/core/database/data-source-options';
import { previewOpenApiDocument } from '../../src/docs/preview-document';
import { testConfig } from './test-config';
import { TEST_STACK, type TestStack } from './test-stack';

/**
 * Starts a throwaway PostgreSQL and Redis on free loopback ports (unless TEST_DATABASE_URL /
 * TEST_REDIS_URL point at existing ones; TEST_DATABASE_OWNER_URL and TEST_DATABASE_SUPERUSER_URL
 * go with the former), runs every migration as the schema owner, and hands the URLs to the test
 * workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'deskbase-test-'));
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to enter this directory.
  chmodSync(root, 0o755);
  const stops: Array<() => Promise<void>> = [];

  let databaseUrl = process.env.TEST_DATABASE_URL;
  let ownerUrl = process.env.TEST_DATABASE_OWNER_URL;
  let superuserUrl = process.env.TEST_DATABASE_SUPERUSER_URL ?? databaseUrl;
  if (!databaseUrl) {
    const postgres = await startPostgres({
      dataDir: join(root, 'pg'),
      port: await freePort(),
      persistent: false,
      fast: true,
    });
    stops.push(postgres.stop);
    databaseUrl = postgres.url;
    ownerUrl = postgres.ownerUrl;
    superuserUrl = postgres.superuserUrl;
  }

  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }

  if (!ownerUrl) throw new Error('TEST_DATABASE_OWNER_URL must go with TEST_DATABASE_URL');
  const openApiFile = join(root, 'openapi.json');
  const stack: TestStack = {
    databaseUrl,
    ownerUrl,
    superuserUrl: superuserUrl ?? databaseUrl,
    redisUrl,
    openApiFile,
  };
  process.env[TEST_STACK] = JSON.stringify(stack);
  // The contract every test app is held to (openapi-contract.ts): AppModule's own, without fixtures.
  writeFileSync(openApiFile, JSON.stringify(await previewOpenApiDocument(testConfig())));

  const dataSource = await new DataSource(
    migrationDataSourceOptions(testConfig({ DATABASE_OWNER_URL: ownerUrl })),
  ).initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  (globalThis as { deskbaseStops?: typeof stops }).deskbaseStops = stops;
}
