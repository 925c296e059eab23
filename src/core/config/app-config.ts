import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
export const ASSISTANT_PROVIDERS = ['extractive', 'anthropic', 'openai'] as const;
export type AssistantProvider = (typeof ASSISTANT_PROVIDERS)[number];
export const EMBEDDING_PROVIDERS = ['none', 'openai'] as const;
export type EmbeddingProviderName = (typeof EMBEDDING_PROVIDERS)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * A whole number from `min` to `max` (no upper bound when omitted), parsed from its env string.
 * Applied in the order the four stacked decorators ran, so boot messages list the rules as before.
 */
const IntSetting = (min: number, max?: number): PropertyDecorator =>
  applyDecorators(...(max === undefined ? [] : [Max(max)]), Min(min), IsInt(), Transform(toInt));

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

  @IntSetting(1, 65535)
  PORT = 3000;

  @IntSetting(1, 65535)
  WORKER_HEALTH_PORT = 3001;

  /** Largest request body accepted, in bytes. */
  @IntSetting(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Deepest nesting of a JSON body (objects and arrays); deeper bodies are refused with 400. */
  @IntSetting(4, 1_000)
  JSON_MAX_DEPTH = 32;

  /**
   * Which proxies may set X-Forwarded-For: `false`, `true`, a hop count, or a comma-separated
   * list of addresses/CIDRs. Off by default so a client cannot spoof its own address.
   */
  @Matches(/^(false|true|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be false, true, a hop count or a list of addresses/CIDRs',
  })
  TRUST_PROXY = 'false';

  /** Milliseconds between readiness turning 503 on SIGTERM and the server closing. */
  @IntSetting(0, 120_000)
  SHUTDOWN_DELAY_MS = 0;

  /**
   * Once the server stops accepting, the longest the process waits for in-flight requests (API)
   * or active jobs (worker) before it exits anyway. Keep it under the orchestrator's grace period
   * minus SHUTDOWN_DELAY_MS; a job cut off is retried by another worker.
   */
  @IntSetting(1_000, 600_000)
  SHUTDOWN_TIMEOUT_MS = 20_000;

  /**
   * Bearer token that `GET /metrics` requires on the process's main port. Unset: /metrics is
   * served only on METRICS_PORT (or not at all when that is unset too).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /** A separate port serving only `GET /metrics`, without a token; never expose it publicly. 0: off. */
  @IntSetting(0, 65535)
  METRICS_PORT = 0;

  /** Operator login of the queue dashboard at /admin/queues (HTTP Basic). Both unset: no dashboard. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  QUEUE_DASHBOARD_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'QUEUE_DASHBOARD_PASSWORD must be at least 16 characters' })
  QUEUE_DASHBOARD_PASSWORD?: string;

  /**
   * API readiness fails when a queue has had no live worker for longer than this (ms), so a
   * deployment whose workers are down is visible instead of piling up jobs. 0 turns the check off.
   */
  @IntSetting(0)
  READINESS_WORKER_ABSENCE_MS = 60_000;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL: string;

  /**
   * The schema owner (owns the tables and the SECURITY DEFINER functions, has BYPASSRLS). Only
   * the migration CLI connects with it; the API and the worker never do, so they leave it unset.
   */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_OWNER_URL?: string;

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE = 10;

  /** Server-side limit for one SQL statement, so a runaway query cannot hold a connection. */
  @IntSetting(100)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL: string;

  @IntSetting(1, 64)
  WORKER_CONCURRENCY = 4;

  @IsString()
  @MinLength(1)
  API_TITLE = 'Deskbase API';

  /** Largest knowledge document accepted for upload, in bytes; larger is 413 and nothing is stored. */
  @IntSetting(1024)
  KNOWLEDGE_MAX_UPLOAD_BYTES = 20_971_520;

  /**
   * Bytes of multipart uploads one API process holds in memory at once (each reserves what its
   * request declares); past it, or past half of it for one organization, an upload is 503 with
   * Retry-After before its body is read. At least twice KNOWLEDGE_MAX_UPLOAD_BYTES.
   */
  @IntSetting(1024)
  KNOWLEDGE_UPLOAD_MEMORY_BYTES = 104_857_600;

  /** Time one document may spend in its parser before it fails with `timeout`. */
  @IntSetting(1_000)
  KNOWLEDGE_PARSE_TIMEOUT_MS = 60_000;

  /**
   * Resident memory of the process that parses one document (heap, buffers and native memory), in
   * MB: a file that needs more is killed and fails with `too_large`.
   */
  @IntSetting(64)
  KNOWLEDGE_PARSER_MEMORY_MB = 512;

  /**
   * Most bytes one document may inflate to, counted as decompression produces them (every DOCX
   * entry, every PDF stream): the decompression-bomb bound.
   */
  @IntSetting(1_048_576)
  KNOWLEDGE_MAX_INFLATED_BYTES = 104_857_600;

  /** How often the worker looks for documents whose indexing job vanished. */
  @IntSetting(1_000)
  KNOWLEDGE_RECONCILE_INTERVAL_MS = 60_000;

  /** A queued or processing document untouched this long is checked by the reconciler. */
  @IntSetting(1_000)
  KNOWLEDGE_STALE_AFTER_MS = 600_000;

  /**
   * Lock of a running indexing job, renewed while it runs. A worker that dies loses it, and
   * the job re-runs elsewhere after about this long (BullMQ's stalled-job check).
   */
  @IntSetting(1_000)
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

  @IntSetting(60, 86_400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @IntSetting(1, 365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @IntSetting(1, 720)
  INVITATION_TTL_HOURS = 72;

  /**
   * Tenant from the host name: with `deskbase.example.com`, a request to
   * `<slug>.deskbase.example.com` belongs to that organization (others' credentials get 401, and
   * login and refresh there accept only its users). Unset: the host plays no part.
   */
  @IsOptional()
  @Matches(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, {
    message: 'TENANT_BASE_DOMAIN must be a domain name such as deskbase.example.com',
  })
  TENANT_BASE_DOMAIN?: string;

  /**
   * Outbound mail server, e.g. `smtp://user:pass@mail.internal:587` or `smtps://...:465`.
   * Required in production unless MAIL_DISABLED=true. Unset outside production: no mail is sent.
   */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  /** Turns outbound mail off on purpose; invitation answers then carry the token to pass on by hand. */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  MAIL_DISABLED = false;

  /** The From header of every mail. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Deskbase <no-reply@localhost>';

  /** How often the worker looks for recorded mails that never reached the queue. */
  @IntSetting(1_000)
  MAIL_RECONCILE_INTERVAL_MS = 60_000;

  /** A recorded mail still unsent this long after it was written is checked by the reconciler. */
  @IntSetting(1_000)
  MAIL_STALE_AFTER_MS = 300_000;

  /** Where people open the app: the base of the links in mails (`?token=` is appended). */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_APP_URL = 'http://localhost:3000';

  /**
   * Invitations one organization may send per window; the next is 429. Bounds what a stolen
   * admin credential can mail out, and how fast anyone can probe addresses through invitations.
   */
  @IntSetting(1)
  INVITATION_RATE_LIMIT_PER_ORGANIZATION = 50;

  @IntSetting(60, 86_400)
  INVITATION_RATE_LIMIT_WINDOW_SECONDS = 3_600;

  /** Attempts at login, signup, refresh and invitation acceptance per client address per window. */
  @IntSetting(1)
  AUTH_RATE_LIMIT_PER_IP = 30;

  /**
   * Attempts on one account (email, or invitation) from one client address per window; the next
   * is 429. Keyed by both, so someone guessing elsewhere never spends the owner's attempts.
   */
  @IntSetting(1)
  AUTH_RATE_LIMIT_PER_ACCOUNT = 10;

  /**
   * Attempts on one account from all addresses together, per AUTH_SLOWDOWN_WINDOW_SECONDS,
   * before each further attempt is delayed (250 ms, doubling, up to AUTH_SLOWDOWN_MAX_MS).
   * Delayed, never refused: a distributed guesser slows down without locking the owner out.
   */
  @IntSetting(1)
  AUTH_SLOWDOWN_AFTER = 20;

  @IntSetting(60, 86_400)
  AUTH_SLOWDOWN_WINDOW_SECONDS = 3_600;

  @IntSetting(0, 60_000)
  AUTH_SLOWDOWN_MAX_MS = 10_000;

  @IntSetting(1, 86_400)
  AUTH_RATE_LIMIT_WINDOW_SECONDS = 300;

  /**
   * Which model answers the assistant by default: `extractive` (no model: the best passages
   * themselves), `anthropic` or `openai`. Unset: anthropic when ANTHROPIC_API_KEY is set,
   * openai when OPENAI_BASE_URL or OPENAI_API_KEY is set, extractive otherwise.
   */
  @IsOptional()
  @IsIn(ASSISTANT_PROVIDERS)
  ASSISTANT_PROVIDER?: AssistantProvider;

  @ValidateIf(
    (config: AppConfig) => config.ASSISTANT_PROVIDER === 'anthropic' || config.ANTHROPIC_API_KEY !== undefined,
  )
  @IsString({ message: 'ANTHROPIC_API_KEY is required when ASSISTANT_PROVIDER is anthropic' })
  ANTHROPIC_API_KEY?: string;

  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

  @IsString()
  @MinLength(1)
  ANTHROPIC_MODEL = 'claude-sonnet-4-6';

  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  /** Any OpenAI-compatible server (vLLM, Ollama, LM Studio); setting it turns the openai provider on. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OPENAI_BASE_URL?: string;

  @IsString()
  @MinLength(1)
  OPENAI_MODEL = 'gpt-4.1-mini';

  /** Longest wait for the provider to start answering, and then between two pieces of the answer. */
  @IntSetting(100, 600_000)
  ASSISTANT_PROVIDER_TIMEOUT_MS = 60_000;

  /** Retries of a provider request that failed before it started streaming (rate limit, overload). */
  @IntSetting(0, 5)
  ASSISTANT_PROVIDER_MAX_RETRIES = 2;

  /** Answers streaming at once per organization, across every API replica; the next one is 429. */
  @IntSetting(1, 1_000)
  ASSISTANT_MAX_CONCURRENT_STREAMS = 5;

  /** Tokens (estimated) of earlier conversation turns sent with a question. */
  @IntSetting(0, 100_000)
  ASSISTANT_HISTORY_TOKEN_BUDGET = 2_000;

  /** Milliseconds between heartbeat comments on an idle answer stream, so proxies keep it open. */
  @IntSetting(10, 120_000)
  ASSISTANT_HEARTBEAT_MS = 15_000;

  /**
   * Semantic search: `none` (lexical search only) or `openai`, any server speaking the OpenAI
   * embeddings API (OpenAI, Azure OpenAI, Ollama, vLLM, Hugging Face TEI, LM Studio, LocalAI).
   */
  @IsIn(EMBEDDING_PROVIDERS)
  EMBEDDING_PROVIDER: EmbeddingProviderName = 'none';

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  EMBEDDING_BASE_URL?: string;

  /** Sent as the bearer token; local servers usually need none. */
  @IsOptional()
  @IsString()
  EMBEDDING_API_KEY?: string;

  /** Vectors of one model only are compared; changing it re-embeds every chunk in the background. */
  @IsString()
  @MinLength(1)
  EMBEDDING_MODEL = 'text-embedding-3-small';

  /** Asks the model for shorter vectors (models that support it); unset: the model's own length. */
  @IsOptional()
  @IntSetting(8, 8_192)
  EMBEDDING_DIMENSIONS?: number;

  /** Chunks per embeddings request. */
  @IntSetting(1, 2_048)
  EMBEDDING_BATCH_SIZE = 64;

  /** Requests per minute each worker process sends at most (the provider's rate limit, split among workers). */
  @IntSetting(1, 100_000)
  EMBEDDING_MAX_REQUESTS_PER_MINUTE = 3_000;

  /** The model's input limit in tokens: longer chunks are cut to fit (and counted), never failed. */
  @IntSetting(16, 1_000_000)
  EMBEDDING_MAX_INPUT_TOKENS = 8_191;

  /** Longest wait for one embeddings request before it counts as failed and is retried. */
  @IntSetting(100, 600_000)
  EMBEDDING_TIMEOUT_MS = 30_000;

  /** Attempts of one embeddings request on 429, 5xx or a network fault, with backoff honouring Retry-After. */
  @IntSetting(1, 10)
  EMBEDDING_MAX_ATTEMPTS = 4;

  /**
   * Billing is on when this is set (a Stripe secret key, `sk_test_...` or `sk_live_...`);
   * unset, every organization has the unlimited self-hosted plan and no limit applies.
   */
  @IsOptional()
  @IsString()
  @Matches(/^(sk|rk)_(test|live)_\S+$/, {
    message: 'STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_... or sk_live_...)',
  })
  STRIPE_SECRET_KEY?: string;

  /** Signing secret of the webhook endpoint (`whsec_...`); required when billing is on. */
  @ValidateIf(
    (config: AppConfig) => config.STRIPE_SECRET_KEY !== undefined || config.STRIPE_WEBHOOK_SECRET !== undefined,
  )
  @IsString({ message: 'STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set' })
  @MinLength(8)
  STRIPE_WEBHOOK_SECRET?: string;

  /** Stripe Price of each paid plan; required when billing is on. */
  @ValidateIf((config: AppConfig) => config.STRIPE_SECRET_KEY !== undefined || config.STRIPE_PRICE_TEAM !== undefined)
  @IsString({ message: 'STRIPE_PRICE_TEAM is required when STRIPE_SECRET_KEY is set' })
  @MinLength(1)
  STRIPE_PRICE_TEAM?: string;

  @ValidateIf(
    (config: AppConfig) => config.STRIPE_SECRET_KEY !== undefined || config.STRIPE_PRICE_BUSINESS !== undefined,
  )
  @IsString({ message: 'STRIPE_PRICE_BUSINESS is required when STRIPE_SECRET_KEY is set' })
  @MinLength(1)
  STRIPE_PRICE_BUSINESS?: string;

  /** Where the Stripe SDK sends its requests; only a local stand-in (tests) changes it. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  STRIPE_API_URL = 'https://api.stripe.com';

  /** Longest wait for one Stripe API request, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(120_000)
  STRIPE_TIMEOUT_MS = 20_000;

  /** Where Stripe Checkout and the Customer Portal send the user back (the web app's billing page). */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  BILLING_RETURN_URL = 'http://localhost:3000/';

  /** Days a `past_due` subscription keeps its plan; after that the organization has free limits. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(90)
  BILLING_PAST_DUE_GRACE_DAYS = 7;

  /** The free plan's limits (billing on only). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BILLING_FREE_SEATS = 3;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  BILLING_FREE_DOCUMENTS = 50;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  BILLING_FREE_STORAGE_BYTES = 104_857_600;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  BILLING_FREE_ASSISTANT_ANSWERS = 200;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  BILLING_FREE_EMBEDDING_TOKENS = 500_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  BILLING_FREE_API_KEYS = 2;
}
