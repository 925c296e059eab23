import type { RedisOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { reconnectForever } from '../redis/reconnect';

/**
 * The connection of BullMQ workers (and the shared root connection processors use):
 * `maxRetriesPerRequest: null` is what BullMQ requires for their blocking commands.
 */
export const workerConnection = (config: AppConfig): RedisOptions => ({
  url: config.REDIS_URL,
  maxRetriesPerRequest: null,
  retryStrategy: reconnectForever,
});

/**
 * The connection of producers: commands fail at once while Redis is away, so a request that
 * enqueues answers 503 instead of hanging on ioredis's offline queue.
 */
export const producerConnection = (config: AppConfig): RedisOptions => ({
  url: config.REDIS_URL,
  enableOfflineQueue: false,
  retryStrategy: reconnectForever,
});
