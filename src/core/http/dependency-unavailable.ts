import { QueryFailedError } from 'typeorm';

/** Socket-level failures: the server is not there, or the connection to it broke. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that say "the server cannot serve you now", not "your query is wrong":
 * class 08 (connection exception), shutting down / starting up, too many connections.
 */
const isUnavailableSqlState = (code: string): boolean =>
  code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);

/**
 * What pg and ioredis say when the connection, not the command, failed. They raise these as
 * plain Errors without a code, so the message is all there is to go on.
 */
const CONNECTION_MESSAGES = [
  /^Connection terminated/, // pg: server went away mid-query, or connect timed out
  /^timeout exceeded when trying to connect$/, // pg-pool: connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/, // pg
  /^Connection is closed\.$/, // ioredis
  /^Stream isn't writeable and enableOfflineQueue options is false$/, // ioredis, Redis away
  /^Reached the max retries per request limit/, // ioredis MaxRetriesPerRequestError
];

const codeOf = (error: object): unknown => (error as { code?: unknown }).code;

/**
 * True when `error` means PostgreSQL or Redis is unreachable right now (the request may succeed
 * later), as opposed to a bad request or a bug. The error filter answers those with 503.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (!(cause instanceof Error)) return false;
  const code = codeOf(cause);
  if (
    typeof code === 'string' &&
    (NETWORK_ERROR_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)))
  ) {
    return true;
  }
  if (cause instanceof AggregateError) return cause.errors.some(isDependencyUnavailable);
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(cause.message));
}
