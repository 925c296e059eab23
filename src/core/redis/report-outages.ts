import type { Redis } from 'ioredis';
import type { PinoLogger } from 'nestjs-pino';

/**
 * Logs a Redis outage once when it begins and once when it ends. Without an `error` listener
 * ioredis prints every failed reconnect (one every 2 s while Redis is away) to stderr with its
 * stack, outside the structured log.
 */
export function reportOutages(client: Redis, logger: PinoLogger): void {
  let unreachable = false;
  client.on('error', (error: NodeJS.ErrnoException) => {
    if (unreachable) return;
    unreachable = true;
    logger.warn({ code: error.code ?? error.name }, 'redis.unreachable');
  });
  client.on('ready', () => {
    if (!unreachable) return;
    unreachable = false;
    logger.info('redis.reachable');
  });
}
