/** A producer waits no longer than this for Redis before it answers 503. */
export const ENQUEUE_TIMEOUT_MS = 2_000;

/** `work`, or a rejection once `ms` have passed: a request must not hang on a Redis that is away. */
export function withinDeadline<T>(work: Promise<T>, ms = ENQUEUE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('queue timeout')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
