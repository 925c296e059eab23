/**
 * The benchmark's own stack: a throwaway embedded PostgreSQL and redis-server on free loopback
 * ports (scripts/stack), the app built with `nest build`, and the migrations run by the TypeORM
 * CLI exactly as `npm run migration:run` does.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../scripts/stack/free-port';
import { startPostgres } from '../scripts/stack/postgres';
import { startRedis } from '../scripts/stack/redis';

export const ROOT = resolve(__dirname, '..');

export interface BenchStack {
  /** Scratch directory of this run (database files, server logs). Removed on stop. */
  dir: string;
  databaseUrl: string;
  ownerUrl: string;
  superuserUrl: string;
  redisUrl: string;
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  stop: () => Promise<void>;
}

/** Runs a command quietly; its output is shown only when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}\n${result.stderr}\n`);
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
  }
}

export async function startStack(say: (line: string) => void): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'deskbase-bench-'));
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to enter this directory.
  chmodSync(dir, 0o755);
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    say('starting embedded PostgreSQL and redis-server...');
    // Durable settings (fsync on), like production: the POST numbers include real commits.
    const postgres = await startPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), persistent: false });
    stops.push(postgres.stop);
    const redis = await startRedis({ dataDir: join(dir, 'redis'), port: await freePort(), persistent: false });
    stops.push(redis.stop);
    const stack: BenchStack = {
      dir,
      databaseUrl: postgres.url,
      ownerUrl: postgres.ownerUrl,
      superuserUrl: postgres.superuserUrl,
      redisUrl: redis.url,
      jwtSecret: randomBytes(48).toString('base64url'),
      jwtIssuer: 'deskbase',
      jwtAudience: 'deskbase-api',
      stop,
    };
    if (process.env.BENCH_SKIP_BUILD !== '1') {
      say('building the app (nest build)...');
      run(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build']);
    }
    say('running migrations...');
    run(process.execPath, ['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/core/database/data-source.js'], {
      ...process.env,
      ...appEnv(stack),
      DATABASE_OWNER_URL: stack.ownerUrl,
    });
    return stack;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The environment the app (and the migration CLI) gets. */
export function appEnv(stack: BenchStack): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redisUrl,
    JWT_SECRET: stack.jwtSecret,
    JWT_ISSUER: stack.jwtIssuer,
    JWT_AUDIENCE: stack.jwtAudience,
    // The benchmarks send no mail; production mode refuses to start without saying so.
    MAIL_DISABLED: 'true',
  };
}
