import { Controller, Get, Header, Optional, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../access/public.decorator';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { ServiceUnavailableError } from '../core/http/app-error';
import { EmbeddingHealthIndicator } from './embedding.health';
import { RedisHealthIndicator } from './redis.health';
import { ShutdownState } from '../core/lifecycle/shutdown-state';
import { WorkerPresenceIndicator } from './worker-presence.health';

const CHECK_TIMEOUT_MS = 1_500;

class LivenessDoc {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

class CheckDoc {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ type: String, maxLength: 200, example: 'unreachable' }) message?: string;
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: 60_000, description: 'Milliseconds' })
  responseTime?: number;
}

/** The embedding provider: always `up` (lexical search still answers); `state` says whether it answers. */
class EmbeddingCheckDoc {
  @ApiProperty({ enum: ['up'] }) status: 'up';
  @ApiProperty({ type: String, maxLength: 200, example: 'text-embedding-3-small' }) model: string;
  @ApiProperty({ enum: ['ok', 'degraded'] }) state: 'ok' | 'degraded';
}

/**
 * One entry per dependency checked; `workers` only in the API process with the check on,
 * `embedding` only with an embedding provider configured.
 */
class ChecksDoc {
  @ApiPropertyOptional({ type: CheckDoc }) database?: CheckDoc;
  @ApiPropertyOptional({ type: CheckDoc }) redis?: CheckDoc;
  @ApiPropertyOptional({ type: CheckDoc }) workers?: CheckDoc;
  @ApiPropertyOptional({ type: EmbeddingCheckDoc }) embedding?: EmbeddingCheckDoc;
}

/** Terminus's result as sent: the checks that passed (`info`), failed (`error`) and all (`details`). */
class ReadinessDoc {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ type: ChecksDoc }) info: ChecksDoc;
  @ApiProperty({ type: ChecksDoc }) error: ChecksDoc;
  @ApiProperty({ type: ChecksDoc }) details: ChecksDoc;
}

/** Kubernetes probes. Not versioned, not authenticated. */
@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
    private readonly embedding: EmbeddingHealthIndicator,
    /** Present in the API only (WorkerPresenceModule): the worker process does not wait for itself. */
    @Optional() private readonly workers?: WorkerPresenceIndicator,
  ) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness: the process answers. Checks no dependency.' })
  @ApiDataResponse(LivenessDoc)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Readiness: PostgreSQL and Redis reachable, not shutting down, and (API) every queue has had a live worker recently. ' +
      'With an embedding provider configured, details.embedding reports it; a provider outage shows as state ' +
      '"degraded" but keeps the process ready, since search then answers lexically.',
  })
  @ApiDataResponse(ReadinessDoc)
  @ApiErrorResponses(503)
  ready(): Promise<HealthCheckResult> {
    if (this.shutdown.isShuttingDown) {
      throw new ServiceUnavailableError('Shutting down', [{ field: 'process', message: 'shutting down' }]);
    }
    const workers = this.workers;
    return this.health.check([
      () => this.database.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
      () => this.redis.ping('redis', CHECK_TIMEOUT_MS),
      ...(workers?.enabled ? [() => workers.check('workers', CHECK_TIMEOUT_MS)] : []),
      ...(this.embedding.enabled ? [() => this.embedding.check('embedding', CHECK_TIMEOUT_MS)] : []),
    ]);
  }
}
