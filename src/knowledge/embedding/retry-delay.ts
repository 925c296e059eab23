/** Longest wait the provider may ask for before one retry; longer and we give up this round. */
export const MAX_RETRY_WAIT_MS = 60_000;
const BASE_DELAY_MS = 500;

/**
 * How long to wait before retry `attempt` (1 for the first retry): what the provider asked for
 * in `retry-after-ms` or `Retry-After` (seconds or an HTTP date), else exponential backoff
 * with full jitter. Capped at MAX_RETRY_WAIT_MS.
 */
export function retryDelayMs(attempt: number, headers?: Headers, now = Date.now(), random = Math.random): number {
  const asked = askedDelayMs(headers, now);
  if (asked !== undefined) return Math.min(asked, MAX_RETRY_WAIT_MS);
  const ceiling = Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_RETRY_WAIT_MS);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function askedDelayMs(headers: Headers | undefined, now: number): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
