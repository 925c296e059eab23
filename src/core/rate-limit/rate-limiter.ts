import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimitedError, ServiceUnavailableError } from '../http/app-error';
import { REDIS } from '../redis/redis.module';

/** Where a key stands in its window after one more hit. */
export interface RateLimitState {
  /** Hits in the window so far, this one included. */
  count: number;
  limit: number;
  remaining: number;
  windowSeconds: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
  exceeded: boolean;
}

/** Counts hits per key in a fixed window, in Redis so every API replica shares the same count. */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Records one hit and tells where the key stands; never throws for the limit itself. */
  async count(key: string, limit: number, windowSeconds: number): Promise<RateLimitState> {
    const redisKey = `ratelimit:${key}`;
    let count: number;
    let ttlMs: number;
    try {
      const results = await this.redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, windowSeconds * 1000, 'NX')
        .pttl(redisKey)
        .exec();
      count = Number(results?.[0]?.[1]);
      ttlMs = Number(results?.[2]?.[1]);
    } catch {
      throw new ServiceUnavailableError();
    }
    return {
      count,
      limit,
      remaining: Math.max(0, limit - count),
      windowSeconds,
      resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      exceeded: count > limit,
    };
  }

  /** Records one hit; throws RateLimitedError (with seconds to wait) past `limit` in the window. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<void> {
    const state = await this.count(key, limit, windowSeconds);
    if (state.exceeded) throw new RateLimitedError(state.resetSeconds);
  }
}
