/**
 * Preloaded (`node --require`) into a server the bench starts only to see its SQL: every
 * statement the process hands to `pg` (its text and parameters, in the order they go to the
 * server) becomes one JSON line of SQL_CAPTURE_FILE, and so does every write to a database
 * socket (a pipelined batch of statements leaves in one). The app and the baseline get the same
 * recorder, so the bench compares what each really sends, and in how many writes, whichever
 * layer (the auth guard, TypeORM, a service's own SQL) produced it.
 */
import { appendFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { Client } from 'pg';

export interface CapturedStatement {
  sql: string;
  parameters: unknown[];
}

/** A line of the capture file. */
export type CaptureLine = CapturedStatement | { write: true };

const file = process.env.SQL_CAPTURE_FILE;
const record = (line: CaptureLine): void => appendFileSync(file as string, `${JSON.stringify(line)}\n`);

/** Counts the writes of a database connection's socket (one or several buffers each). */
function watchWrites(socket: Duplex): void {
  const methods = socket as unknown as Record<'_write' | '_writev', ((...args: unknown[]) => void) | undefined>;
  for (const method of ['_write', '_writev'] as const) {
    const original = methods[method];
    if (!original) continue;
    methods[method] = (...args: unknown[]): void => {
      record({ write: true });
      original.apply(socket, args);
    };
  }
}

if (file) {
  const watched = new WeakSet<Duplex>();
  const { prototype } = Client;
  const send = Reflect.get(prototype, 'query') as (this: Client, ...args: unknown[]) => unknown;
  prototype.query = function recordQuery(this: Client, ...args: unknown[]): unknown {
    const socket = this.connection.stream;
    if (!watched.has(socket)) {
      watched.add(socket);
      watchWrites(socket);
    }
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
    const sql = typeof config === 'string' ? config : config.text;
    const parameters = Array.isArray(values) ? values : typeof config === 'string' ? [] : (config.values ?? []);
    if (sql !== undefined) record({ sql, parameters });
    return send.apply(this, args);
  } as typeof Client.prototype.query;
}
