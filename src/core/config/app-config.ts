import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the service reads, with its default and its rule.
 * `.env.example` documents the same list; nothing else reads `process.env`.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /** Largest request body accepted, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /**
   * Which proxies may set X-Forwarded-For: `false`, `true`, a hop count, or a comma-separated
   * list of addresses/CIDRs. Off by default so a client cannot spoof its own address.
   */
  @Matches(/^(false|true|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be false, true, a hop count or a list of addresses/CIDRs',
  })
  TRUST_PROXY = 'false';

  /** Milliseconds between readiness turning 503 on SIGTERM and the server closing. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_DELAY_MS = 0;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Server-side limit for one SQL statement, so a runaway query cannot hold a connection. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  @IsString()
  @MinLength(1)
  API_TITLE = 'Deskbase API';

  /** Largest knowledge document accepted for upload, in bytes; larger is 413 and nothing is stored. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  KNOWLEDGE_MAX_UPLOAD_BYTES = 20_971_520;

  /** Time one document may spend in its parser before it fails with `timeout`. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  KNOWLEDGE_PARSE_TIMEOUT_MS = 60_000;

  /** Heap of the parser thread, in MB: a file that needs more fails with `too_large`. */
  @Transform(toInt)
  @IsInt()
  @Min(64)
  KNOWLEDGE_PARSER_MEMORY_MB = 512;

  /** Largest total a DOCX (a zip) may inflate to, in bytes: the zip-bomb bound. */
  @Transform(toInt)
  @IsInt()
  @Min(1_048_576)
  KNOWLEDGE_MAX_INFLATED_BYTES = 104_857_600;

  /** How often the worker looks for documents whose indexing job vanished. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  KNOWLEDGE_RECONCILE_INTERVAL_MS = 60_000;

  /** A queued or processing document untouched this long is checked by the reconciler. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  KNOWLEDGE_STALE_AFTER_MS = 600_000;

  /**
   * Lock of a running indexing job, renewed while it runs. A worker that dies loses it, and
   * the job re-runs elsewhere after about this long (BullMQ's stalled-job check).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  KNOWLEDGE_JOB_LOCK_MS = 30_000;

  /** HMAC key of access tokens (HS256). At least 32 characters; rotating it signs everyone out. */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'deskbase';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'deskbase-api';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  INVITATION_TTL_HOURS = 72;

  /** Attempts at login, signup, refresh and invitation acceptance per client address per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_IP = 30;

  /** Attempts per account (email, or invitation) per window, whatever the address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_ACCOUNT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  AUTH_RATE_LIMIT_WINDOW_SECONDS = 300;
}
