import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import { shippedSecretProblems } from './shipped-secrets';

/** Thrown at boot; its message is the whole list of problems, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const describe = (error: ValidationError): string => {
  const received = error.value === undefined ? 'is missing' : 'is invalid';
  const rules = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property} ${received} (${rules})`;
};

/** Builds the typed configuration from an environment, or throws one ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "use the default", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  // whitelist drops the rest of the environment (PATH, HOME...) from the object.
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) throw new ConfigError(errors.map(describe));
  // One organization may hold half the upload memory: a largest upload must fit in that half.
  if (config.KNOWLEDGE_UPLOAD_MEMORY_BYTES < 2 * config.KNOWLEDGE_MAX_UPLOAD_BYTES) {
    throw new ConfigError(['KNOWLEDGE_UPLOAD_MEMORY_BYTES must be at least twice KNOWLEDGE_MAX_UPLOAD_BYTES']);
  }
  if (config.NODE_ENV === 'production') {
    // Development and tests run with the repository's own secrets and without mail; production must not.
    const problems = shippedSecretProblems(config).map((problem) => `${problem}; generate a new one`);
    if (!config.SMTP_URL && !config.MAIL_DISABLED) {
      problems.push('SMTP_URL is missing (required in production; set MAIL_DISABLED=true to run without mail)');
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }
  return Object.freeze(config);
}
