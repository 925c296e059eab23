import { Inject, Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '../core/redis/redis.module';
import { withTimeout } from '../core/async/with-timeout';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async ping(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const check = this.health.check(key);
    try {
      await withTimeout(this.redis.ping(), timeoutMs);
      return check.up();
    } catch {
      return check.down('unreachable');
    }
  }
}
