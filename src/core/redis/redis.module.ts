import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { reconnectForever } from './reconnect';
import { reportOutages } from './report-outages';

/** Injection token of the shared request-path Redis client. */
export const REDIS = Symbol('REDIS');

/**
 * One Redis client for request-path work (health, rate limits). Commands fail at once while
 * Redis is away (no offline queue, one retry), so callers answer 503 instead of hanging.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Redis(config.REDIS_URL, {
          retryStrategy: reconnectForever,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
        }),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @InjectPinoLogger('redis') logger: PinoLogger,
  ) {
    reportOutages(redis, logger);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
