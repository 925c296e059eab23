import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one DataSource definition, shared by the application and the migration CLI. Entities are
 * found by file name so this core module imports no domain. The schema changes only through
 * migrations.
 */
export function dataSourceOptions(
  config: AppConfig,
  applicationName = 'deskbase',
  url = config.DATABASE_URL,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: config.DATABASE_POOL_SIZE,
      application_name: applicationName,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
      // Fail fast when PostgreSQL is away, so readiness and requests answer 503 instead of hanging.
      connectionTimeoutMillis: 3_000,
      // A query is sent without waiting for the one before it to be answered. TypeORM waits for each
      // anyway; TenantTransaction.batch sends a whole transaction at once.
      pipeline: true,
    },
  };
}

/** The migrations run as the schema owner, never as the application role (see README, "Database"). */
export function migrationDataSourceOptions(config: AppConfig): DataSourceOptions {
  if (!config.DATABASE_OWNER_URL) throw new Error('DATABASE_OWNER_URL is required to run migrations');
  return dataSourceOptions(config, 'deskbase-migrations', config.DATABASE_OWNER_URL);
}
