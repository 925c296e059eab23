import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';

/**
 * Whether the database lacks any migration built into `migrationsDir`: TypeORM records each run
 * migration by its class name, which is the file's `<timestamp>-<Name>` as `<Name><timestamp>`.
 * Answered with one query, so a restart need not boot the migration CLI to learn nothing is due.
 * Any doubt (no table yet, an unreadable folder) answers true: the CLI then decides.
 */
export async function hasPendingMigrations(ownerUrl: string, migrationsDir: string): Promise<boolean> {
  if (!existsSync(migrationsDir)) return true;
  const built = readdirSync(migrationsDir)
    .map((file) => /^(\d+)-(\w+)\.js$/.exec(file))
    .filter((match) => match !== null)
    .map(([, timestamp, name]) => `${name}${timestamp}`);
  const client = new Client({ connectionString: ownerUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT name FROM typeorm_migrations');
    const applied = new Set(rows.map((row) => row.name));
    return built.length === 0 || built.some((name) => !applied.has(name));
  } catch {
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}
