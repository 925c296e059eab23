import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `work` and answers no sooner than `floorMs` after it started, so how long an answer takes
 * does not tell which branch ran (a known or an unknown email). A failure answers at once.
 */
export async function noSoonerThan<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  await sleep(Math.max(0, floorMs - (Date.now() - started)));
  return result;
}
