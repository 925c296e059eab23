import type { AppConfig } from '../../src/core/config/app-config';
import { loadConfig } from '../../src/core/config/load-config';
import { testStack } from './test-stack';

export const TEST_JWT_SECRET = 'test-only-jwt-secret-0123456789abcdef';

/** The test configuration: the harness's services, quiet logs, plus per-test overrides. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const stack = testStack();
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redisUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    ...overrides,
  });
}
