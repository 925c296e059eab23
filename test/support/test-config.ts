import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../src/core/config/app-config';
import { loadConfig } from '../../src/core/config/load-config';
import { testStack } from './test-stack';

export const TEST_JWT_SECRET = 'test-only-jwt-secret-0123456789abcdef';

/** The test configuration: the harness's services, quiet logs, plus per-test overrides. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const stack = testStack();
  // Production refuses the repository's own secrets and a missing mail server: a spec that
  // runs in production mode (for its JSON logs) gets a fresh secret and mail turned off.
  const production =
    overrides.NODE_ENV === 'production' ? { JWT_SECRET: randomBytes(32).toString('hex'), MAIL_DISABLED: 'true' } : {};
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redisUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    // Every spec calls from 127.0.0.1 into one Redis: the rate-limit spec uses its own Redis and limits.
    AUTH_RATE_LIMIT_PER_IP: '1000000',
    AUTH_RATE_LIMIT_PER_ACCOUNT: '1000000',
    AUTH_SLOWDOWN_AFTER: '1000000',
    INVITATION_RATE_LIMIT_PER_ORGANIZATION: '1000000',
    // No worker runs beside most specs; the readiness spec for workers turns the check on itself.
    READINESS_WORKER_ABSENCE_MS: '0',
    ...production,
    ...overrides,
  });
}
