import { IsOptional } from 'class-validator';
import { IntSetting, type SettingsBase, UrlSetting } from './setting-kinds';

/** Where the data lives: PostgreSQL and Redis, and how much of them one process takes. */
export const StorageSettings = <Base extends SettingsBase>(base: Base) => {
  class Storage extends base {
    @UrlSetting('postgres', 'postgresql') DATABASE_URL: string;

    /**
     * The schema owner (owns the tables and the SECURITY DEFINER functions, has BYPASSRLS). Only
     * the migration CLI connects with it; the API and the worker never do, so they leave it unset.
     */
    @IsOptional() @UrlSetting('postgres', 'postgresql') DATABASE_OWNER_URL?: string;

    @IntSetting(1, 200) DATABASE_POOL_SIZE = 10;

    /** Server-side limit for one SQL statement, so a runaway query cannot hold a connection. */
    @IntSetting(100) DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

    @UrlSetting('redis', 'rediss') REDIS_URL: string;

    @IntSetting(1, 64) WORKER_CONCURRENCY = 4;
  }
  return Storage;
};
