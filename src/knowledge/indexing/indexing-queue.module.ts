import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { QUEUES } from '../../core/queue/queue-names';
import { reconnectForever } from '../../core/redis/reconnect';
import { IndexingQueue } from './indexing-queue';

/**
 * The indexing queue as producers use it. Its own connection fails commands at once while Redis
 * is away (no offline queue), so an upload answers 503 instead of waiting for Redis to return.
 */
@Module({
  imports: [
    BullModule.registerQueueAsync({
      name: QUEUES.knowledgeIndexing,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: {
          url: config.REDIS_URL,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
          retryStrategy: reconnectForever,
        },
      }),
    }),
  ],
  providers: [IndexingQueue],
  exports: [IndexingQueue],
})
export class IndexingQueueModule {}
