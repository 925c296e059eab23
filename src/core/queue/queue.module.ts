import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { DefaultJobOptions, Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { producerConnection, workerConnection } from './redis-connection';
import { ALL_QUEUES } from './queue-names';

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

/** Injection token of every producer queue of the registry, for code that watches them all. */
export const ALL_QUEUE_PRODUCERS = Symbol('ALL_QUEUE_PRODUCERS');

/** A producer (`@InjectQueue(QUEUES.x)`) on the fail-fast producer connection. */
const producerQueue = (name: string) => ({
  name,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({ connection: producerConnection(config) }),
});

/**
 * The BullMQ connection and one producer per queue of the registry, injectable everywhere with
 * `@InjectQueue(name)`. Processors (`@Processor`) use the shared worker connection.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: workerConnection(config),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueueAsync(...ALL_QUEUES.map(producerQueue)),
  ],
  providers: [
    {
      provide: ALL_QUEUE_PRODUCERS,
      inject: ALL_QUEUES.map((name) => getQueueToken(name)),
      useFactory: (...queues: Queue[]) => {
        // Without a listener BullMQ prints connection errors to the console; they belong in the log.
        for (const queue of queues) {
          queue.on('error', (error) =>
            PinoLogger.root.warn({ err: error, queue: queue.name }, 'queue.connection_error'),
          );
        }
        return queues;
      },
    },
  ],
  exports: [BullModule, ALL_QUEUE_PRODUCERS],
})
export class QueueModule {}
