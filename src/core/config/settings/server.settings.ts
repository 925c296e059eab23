import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IntSetting, OptionalSecret, type SettingsBase, TextSetting } from './setting-kinds';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

/** The processes themselves: ports, limits on requests, shutdown, metrics and the queue dashboard. */
export const ServerSettings = <Base extends SettingsBase>(base: Base) => {
  class Server extends base {
    @IsIn(NODE_ENVS) NODE_ENV: (typeof NODE_ENVS)[number] = 'development';
    @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
    @IsString() HOST = '0.0.0.0';
    @IntSetting(1, 65535) PORT = 3000;
    @IntSetting(1, 65535) WORKER_HEALTH_PORT = 3001;

    /** Largest request body accepted, in bytes. */
    @IntSetting(1024) BODY_LIMIT_BYTES = 1_048_576;

    /** Deepest nesting of a JSON body (objects and arrays); deeper bodies are refused with 400. */
    @IntSetting(4, 1_000) JSON_MAX_DEPTH = 32;

    /**
     * Which proxies may set X-Forwarded-For: `false`, `true`, a hop count, or a comma-separated
     * list of addresses/CIDRs. Off by default so a client cannot spoof its own address.
     */
    @Matches(/^(false|true|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
      message: 'TRUST_PROXY must be false, true, a hop count or a list of addresses/CIDRs',
    })
    TRUST_PROXY = 'false';

    /** Milliseconds between readiness turning 503 on SIGTERM and the server closing. */
    @IntSetting(0, 120_000) SHUTDOWN_DELAY_MS = 0;

    /**
     * Once the server stops accepting, the longest the process waits for in-flight requests (API)
     * or active jobs (worker) before it exits anyway. Keep it under the orchestrator's grace period
     * minus SHUTDOWN_DELAY_MS; a job cut off is retried by another worker.
     */
    @IntSetting(1_000, 600_000) SHUTDOWN_TIMEOUT_MS = 20_000;

    /**
     * Bearer token that `GET /metrics` requires on the process's main port. Unset: /metrics is
     * served only on METRICS_PORT (or not at all when that is unset too).
     */
    @OptionalSecret('METRICS_TOKEN', 32) METRICS_TOKEN?: string;

    /** A separate port serving only `GET /metrics`, without a token; never expose it publicly. 0: off. */
    @IntSetting(0, 65535) METRICS_PORT = 0;

    /** Operator login of the queue dashboard at /admin/queues (HTTP Basic). Both unset: no dashboard. */
    @IsOptional() @TextSetting() QUEUE_DASHBOARD_USERNAME?: string;
    @OptionalSecret('QUEUE_DASHBOARD_PASSWORD', 16) QUEUE_DASHBOARD_PASSWORD?: string;

    /**
     * API readiness fails when a queue has had no live worker for longer than this (ms), so a
     * deployment whose workers are down is visible instead of piling up jobs. 0 turns the check off.
     */
    @IntSetting(0) READINESS_WORKER_ABSENCE_MS = 60_000;

    @TextSetting() API_TITLE = 'Deskbase API';
  }
  return Server;
};
