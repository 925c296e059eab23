import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../core/async/with-timeout';
import { QueryEmbedder } from '../knowledge/embedding/query-embedder';

/**
 * The embedding provider in readiness details. Always `up`: while the provider is away,
 * searches answer lexically and documents wait for their vectors, so taking the process out
 * of rotation would lose service without saving any; `state: degraded` tells the operator.
 */
@Injectable()
export class EmbeddingHealthIndicator {
  constructor(
    private readonly embedder: QueryEmbedder,
    private readonly health: HealthIndicatorService,
  ) {}

  get enabled(): boolean {
    return this.embedder.provider !== null;
  }

  async check(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const state = await withTimeout(this.embedder.state(), timeoutMs).catch(() => 'degraded' as const);
    return this.health.check(key).up({ model: this.embedder.provider?.model, state });
  }
}
