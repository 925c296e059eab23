/**
 * Runs an embedded PostgreSQL in its own process (`tsx test/ops/support/postgres-process.ts
 * <dataDir> <port>`): prints `ready <url> <ownerUrl>` once up and stops it on SIGTERM. The dependency-loss
 * spec needs to stop and restart PostgreSQL as a separate process, as a real outage would.
 */
import { startPostgres } from '../../../scripts/stack/postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const postgres = await startPostgres({ dataDir, port: Number(port), persistent: true, fast: true });
  process.stdout.write(`ready ${postgres.url} ${postgres.ownerUrl}\n`);
  process.once('SIGTERM', () => void postgres.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
