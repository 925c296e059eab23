import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimitedError, ServiceUnavailableError } from '../http/app-error';
import { REDIS } from '../redis/redis.module';

/** Counts hits per key in a fixed window, in Redis so every API replica shares the same count. */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Records one hit; throws RateLimitedError (with seconds to wait) past `limit` in the window. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<void> {
    const { count, ttlMs } = await this.count(key, windowSeconds);
    if (count > limit) throw new RateLimitedError(Math.max(1, Math.ceil(ttlMs / 1000)));
  }

  /** Records one hit and returns how many the window holds so far, this one included. */
  async count(key: string, windowSeconds: number): Promise<{ count: number; ttlMs: number }> {
    const redisKey = `ratelimit:${key}`;
    try {
      const results = await this.redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, windowSeconds * 1000, 'NX')
        .pttl(redisKey)
        .exec();
      return { count: Number(results?.[0]?.[1]), ttlMs: Number(results?.[2]?.[1]) };
    } catch {
      throw new ServiceUnavailableError();
    }
  }
}
