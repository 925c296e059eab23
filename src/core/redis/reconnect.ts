/** ioredis retry strategy: keep reconnecting with a capped delay, so Redis coming back heals us without a restart. */
export const reconnectForever = (attempt: number): number => Math.min(attempt * 200, 2_000);
