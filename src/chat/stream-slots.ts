import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { v7 as uuidv7 } from 'uuid';
import { AppConfig } from '../core/config/app-config';
import { RateLimitedError, ServiceUnavailableError } from '../core/http/app-error';
import { REDIS } from '../core/redis/redis.module';

/** A slot expires unless renewed, so a replica that dies mid-stream does not hold it forever. */
const LEASE_MS = 30_000;
const RENEW_EVERY_MS = LEASE_MS / 3;
const RETRY_AFTER_SECONDS = 5;

/**
 * Atomically: drop expired slots, refuse when `limit` are held, else take one until `now + lease`.
 * The clock is Redis's, so every replica agrees on what expired.
 */
const ACQUIRE = `
local now = redis.call('TIME')
local nowMs = now[1] * 1000 + math.floor(now[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const RENEW = `
local now = redis.call('TIME')
local nowMs = now[1] * 1000 + math.floor(now[2] / 1000)
redis.call('ZADD', KEYS[1], 'XX', nowMs + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/**
 * A held stream slot. Its lease is renewed only once the stream it pays for runs (`keepAlive`),
 * so a slot whose stream never starts (the client left, the reply failed before the first
 * byte) lapses within one lease instead of being renewed forever. Release it when the answer
 * ends, whatever way it ends.
 */
export interface StreamSlot {
  keepAlive(): void;
  release(): Promise<void>;
}

/** Counts the answers streaming per organization, in Redis, so the limit holds across API replicas. */
@Injectable()
export class StreamSlots {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Takes a slot of the organization, or throws RateLimitedError when all are in use. */
  async acquire(organizationId: string): Promise<StreamSlot> {
    const key = `assistant:streams:${organizationId}`;
    const id = uuidv7();
    const taken = await this.call(() =>
      this.redis.eval(ACQUIRE, 1, key, this.config.ASSISTANT_MAX_CONCURRENT_STREAMS, LEASE_MS, id),
    );
    if (taken !== 1) throw new RateLimitedError(RETRY_AFTER_SECONDS);
    let renewal: NodeJS.Timeout | undefined;
    let released = false;
    return {
      keepAlive: () => {
        if (released || renewal) return;
        renewal = setInterval(() => {
          // A missed renewal is retried at the next tick; the lease outlives two misses.
          this.redis.eval(RENEW, 1, key, LEASE_MS, id).catch(() => undefined);
        }, RENEW_EVERY_MS);
        renewal.unref();
      },
      release: async () => {
        released = true;
        clearInterval(renewal);
        // If Redis is away the lease expires by itself.
        await this.redis.zrem(key, id).catch(() => undefined);
      },
    };
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch {
      throw new ServiceUnavailableError();
    }
  }
}
