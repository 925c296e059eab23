/**
 * Preloaded (`node --require`) into a server the bench starts only to see its SQL: every
 * statement the process hands to `pg` (its text and parameters, in the order they go to the
 * server) becomes one JSON line of SQL_CAPTURE_FILE. The app and the baseline get the same
 * recorder, so the bench compares what each really sends, whichever layer (the auth guard,
 * TypeORM, a service's own SQL) produced it.
 */
import { appendFileSync } from 'node:fs';
import { Client } from 'pg';

export interface CapturedStatement {
  sql: string;
  parameters: unknown[];
}

const file = process.env.SQL_CAPTURE_FILE;
if (file) {
  const { prototype } = Client;
  const send = Reflect.get(prototype, 'query') as (this: Client, ...args: unknown[]) => unknown;
  prototype.query = function record(this: Client, ...args: unknown[]): unknown {
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
    const sql = typeof config === 'string' ? config : config.text;
    const parameters = Array.isArray(values) ? values : typeof config === 'string' ? [] : (config.values ?? []);
    if (sql !== undefined) appendFileSync(file, `${JSON.stringify({ sql, parameters } satisfies CapturedStatement)}\n`);
    return send.apply(this, args);
  } as typeof Client.prototype.query;
}
