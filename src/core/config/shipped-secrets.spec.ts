import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from './load-config';
import { isShippedSecret } from './shipped-secrets';

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED_DIRS = ['src', 'test', 'bench', 'scripts', 'deploy'];
const SCANNED_FILES = ['.env.example', 'docker-compose.yml', 'README.md', 'Dockerfile'];
const SECRET_NAMES =
  'JWT_SECRET|METRICS_TOKEN|QUEUE_DASHBOARD_PASSWORD|ANTHROPIC_API_KEY|OPENAI_API_KEY|EMBEDDING_API_KEY|STRIPE_SECRET_KEY|STRIPE_WEBHOOK_SECRET|SMTP_PASSWORD';

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'build') return [];
    if (join(dir, entry.name) === __filename) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });

/** Every literal the repository assigns to a secret setting or puts as a password in a URL or SQL. */
function publishedSecrets(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [...SCANNED_DIRS.flatMap((dir) => walk(join(ROOT, dir))), ...SCANNED_FILES.map((f) => join(ROOT, f))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const code = ['.ts', '.js', '.mjs', '.cjs'].includes(extname(file));
    // In code only a quoted value is a literal; in YAML, .env and docs a bare value is one too.
    const assignment = code
      ? new RegExp(`\\b(?:${SECRET_NAMES})\\b['"]?[ \\t]*[:=][ \\t]*['"]([^'"\\s]+)['"]`, 'g')
      : new RegExp(`\\b(?:${SECRET_NAMES}|\\w*_PASSWORD)\\b[ \\t]*[:=][ \\t]*['"]?([^'"\\s,}#]+)`, 'g');
    const patterns = [assignment, /[a-z]+:\/\/[^/:@'"\s]+:([^@'"\s$]+)@/g, /PASSWORD '([^'$]+)'/g];
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.set(match[1], file.slice(ROOT.length + 1));
    }
  }
  return found;
}

const fresh = (): string => randomBytes(32).toString('base64url');
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://deskbase:${fresh()}@db.internal:5432/deskbase`,
  REDIS_URL: 'redis://redis.internal:6379',
  JWT_SECRET: fresh(),
  MAIL_DISABLED: 'true',
};
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('secrets published in the repository', () => {
  it('knows every secret the repository ships', () => {
    const published = publishedSecrets();
    expect(published.size).toBeGreaterThan(5);
    const unknown = [...published].filter(([value]) => !isShippedSecret(value));
    expect(unknown).toEqual([]);
  });

  it('refuses to start in production with any of them, in any secret setting, without printing it', () => {
    for (const value of publishedSecrets().keys()) {
      const attempts: Array<Record<string, string>> = [
        { JWT_SECRET: value },
        { METRICS_TOKEN: value },
        { QUEUE_DASHBOARD_USERNAME: 'operator', QUEUE_DASHBOARD_PASSWORD: value },
        { ANTHROPIC_API_KEY: value },
      ];
      for (const attempt of attempts) {
        const problems = problemsOf({ ...production, ...attempt });
        expect(problems.length).toBeGreaterThan(0);
        if (value.length >= 16) expect(problems.join('\n')).not.toContain(value);
      }
    }
  });

  it('refuses the Stripe and embedding keys the repository once shipped', () => {
    const stripe = { STRIPE_PRICE_TEAM: 'price_team', STRIPE_PRICE_BUSINESS: 'price_business' };
    const attempts: Array<[Record<string, string>, string]> = [
      [
        {
          ...stripe,
          STRIPE_SECRET_KEY: 'sk_test_deskbase_local_0123456789',
          STRIPE_WEBHOOK_SECRET: `whsec_${fresh()}`,
        },
        'STRIPE_SECRET_KEY',
      ],
      [
        { ...stripe, STRIPE_SECRET_KEY: `sk_test_${fresh()}`, STRIPE_WEBHOOK_SECRET: 'whsec_bench_0123456789' },
        'STRIPE_WEBHOOK_SECRET',
      ],
      [
        { EMBEDDING_PROVIDER: 'openai', EMBEDDING_MODEL: 'm', EMBEDDING_API_KEY: 'test-openai-key' },
        'EMBEDDING_API_KEY',
      ],
    ];
    for (const [attempt, setting] of attempts) {
      expect(problemsOf({ ...production, ...attempt })).toEqual([
        `${setting} is a value published in the Deskbase repository; generate a new one`,
      ]);
    }
    const generated = { ...stripe, STRIPE_SECRET_KEY: `sk_live_${fresh()}`, STRIPE_WEBHOOK_SECRET: `whsec_${fresh()}` };
    expect(problemsOf({ ...production, ...generated })).toEqual([]);
  });

  it("refuses the example manifests' placeholder as a database or Redis password, however it is completed", () => {
    for (const password of ['CHANGE-ME', 'change-me-please', 'CHANGEME2026']) {
      expect(
        problemsOf({ ...production, DATABASE_URL: `postgres://deskbase:${password}@db.internal/deskbase` }),
      ).toEqual(['DATABASE_URL has a password published in the Deskbase repository; generate a new one']);
      expect(problemsOf({ ...production, REDIS_URL: `redis://:${password}@redis.internal:6379` })).toHaveLength(1);
    }
  });

  it('refuses the example Kubernetes Secret as it stands, naming each setting', () => {
    const example = parse(readFileSync(join(ROOT, 'deploy/kubernetes/secret.example.yaml'), 'utf8')) as {
      stringData: Record<string, string>;
    };
    const problems = problemsOf({ ...example.stringData, NODE_ENV: 'production' }).join('\n');
    expect(problems).toMatch(/^JWT_SECRET is a value published in the Deskbase repository/m);
    expect(problems).toMatch(/^QUEUE_DASHBOARD_PASSWORD is a value published/m);
    expect(problems).toMatch(/^DATABASE_URL has a password published/m);
  });

  it('starts in production with freshly generated secrets, and outside production with the shipped ones', () => {
    expect(problemsOf(production)).toEqual([]);
    expect(
      problemsOf({ ...production, NODE_ENV: 'development', JWT_SECRET: 'test-only-jwt-secret-0123456789abcdef' }),
    ).toEqual([]);
  });
});
