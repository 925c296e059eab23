import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { sha256 } from '../core/crypto/secret-token';

const FIRST_DELAY_MS = 250;

/**
 * How long an attempt on an account waits once the account has seen `attempts` in the slow
 * window: nothing up to `free`, then doubling from 250 ms up to `maxMs`.
 */
export function slowdownDelayMs(attempts: number, free: number, maxMs: number): number {
  if (attempts <= free) return 0;
  return Math.min(maxMs, FIRST_DELAY_MS * 2 ** Math.min(attempts - free - 1, 20));
}

/**
 * Brute-force protection that cannot be turned into a lock-out. The hard limit counts one
 * account from one address, so a guesser elsewhere never spends the owner's attempts; across
 * all addresses an account only slows down (each attempt waits longer) and is never refused.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  /** Before a credential for `account` (an email, a token) is checked; 429 or a wait, never both. */
  async attempt(scope: string, account: string, clientAddress: string): Promise<void> {
    const accountKey = sha256(account);
    await this.limiter.hit(
      `${scope}:account-address:${accountKey}:${clientAddress}`,
      this.config.AUTH_RATE_LIMIT_PER_ACCOUNT,
      this.config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    );
    const { count } = await this.limiter.count(
      `${scope}:account:${accountKey}`,
      this.config.AUTH_SLOWDOWN_AFTER,
      this.config.AUTH_SLOWDOWN_WINDOW_SECONDS,
    );
    const delay = slowdownDelayMs(count, this.config.AUTH_SLOWDOWN_AFTER, this.config.AUTH_SLOWDOWN_MAX_MS);
    if (delay > 0) await sleep(delay);
  }
}
