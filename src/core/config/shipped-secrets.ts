import type { AppConfig } from './app-config';

/**
 * Secrets written somewhere in the Deskbase repository (example manifests, .env.example, the
 * dev stack, tests, benchmarks), now or in its history. Anyone can read them, so a production
 * process must not run with one. `shipped-secrets.spec.ts` scans the repository and fails when a new one is missing.
 */
const SHIPPED_VALUES = new Set([
  'a-signing-key-of-at-least-32-characters',
  'bench-key',
  'bench-only-jwt-secret-0123456789abcdef',
  'bench-only-secret-0123456789abcdefghij',
  'deskbase',
  'deskbase_owner',
  'k',
  'metrics-token-for-tests-0123456789abcdef',
  'nothing',
  'openapi-preview-placeholder-not-a-secret',
  'operator-password-for-tests',
  'p',
  'pass',
  'postgres',
  'probe',
  'short',
  // Stripe keys the billing tests and benchmark once wrote down; they generate theirs now.
  'pk_test_123',
  'sk_test_123',
  'sk_test_bench',
  'sk_test_deskbase_local_0123456789',
  'test-anthropic-key',
  'test-only-jwt-secret-0123456789abcdef',
  'test-openai-key',
  'whsec_12345678',
  'whsec_bench_0123456789',
  'whsec_deskbase_local_0123456789',
  'x',
]);

/** The example manifests' placeholders, however they are completed, and the README's `sk_test_...`. */
const PLACEHOLDER = /change-?me|\.\.\.$/i;

/** Settings that are secrets themselves. */
const SECRET_SETTINGS = [
  'JWT_SECRET',
  'METRICS_TOKEN',
  'QUEUE_DASHBOARD_PASSWORD',
  'ANTHROPIC_API_KEY',
  'OPENAI_API_KEY',
  'EMBEDDING_API_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
] as const satisfies ReadonlyArray<keyof AppConfig>;

/**
 * Settings that are URLs whose password is a secret. Only the example manifests' placeholders
 * are refused there: the embedded dev/test database's local role password is shipped too, and
 * the process-level tests run production mode against that loopback-only database.
 */
const URL_SETTINGS = ['DATABASE_URL', 'DATABASE_OWNER_URL', 'REDIS_URL', 'SMTP_URL'] as const satisfies ReadonlyArray<
  keyof AppConfig
>;

export const isShippedSecret = (value: string): boolean => SHIPPED_VALUES.has(value) || PLACEHOLDER.test(value);

const passwordOf = (url: string): string => {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
};

/** One problem per setting that holds a published secret; the value itself is never repeated. */
export function shippedSecretProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  for (const name of SECRET_SETTINGS) {
    const value = config[name];
    if (value && isShippedSecret(value)) problems.push(`${name} is a value published in the Deskbase repository`);
  }
  for (const name of URL_SETTINGS) {
    const password = passwordOf(config[name] ?? '');
    if (PLACEHOLDER.test(password)) {
      problems.push(`${name} has a password published in the Deskbase repository`);
    }
  }
  return problems;
}
