import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces requests at least 60 000 / perMinute ms apart in this process, in the order they ask,
 * so a burst of documents (or a model change re-embedding everything) stays under the
 * provider's rate limit instead of collecting 429s.
 */
export class RequestPacer {
  private readonly intervalMs: number;
  private nextAt = 0;

  constructor(perMinute: number) {
    this.intervalMs = 60_000 / perMinute;
  }

  /** Resolves when this caller may send its request. */
  async turn(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + this.intervalMs;
    if (at > now) await sleep(at - now, undefined, { signal });
  }
}
