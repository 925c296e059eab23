import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DocumentedContentTypeGuard } from './http/documented-content-type.guard';
import { ErrorEnvelopeFilter } from './http/error-envelope.filter';
import { createValidationPipe } from './http/validation.pipe';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';

/** Infrastructure both processes share: config, logging, shutdown state, metrics, database, Redis, queues, HTTP contract. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(),
        LifecycleModule,
        MetricsModule,
        DatabaseModule,
        RedisModule,
        QueueModule,
        RateLimitModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: DocumentedContentTypeGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
      ],
    };
  }
}
