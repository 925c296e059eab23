import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { DefaultJobOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { reconnectForever } from '../redis/reconnect';

/**
 * Retries with exponential backoff (2 s, 4 s, 8 s, ...) for transient faults; bounded
 * retention so Redis does not grow with history.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

/** The BullMQ connection. `maxRetriesPerRequest: null` is what BullMQ requires for workers' blocking commands. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null, retryStrategy: reconnectForever },
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
  ],
})
export class QueueModule {}
