import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Outcome label of a background job or an indexed document. */
export type Outcome = 'succeeded' | 'failed';

/**
 * Every metric of the process, in one registry (not prom-client's global one, so two apps in
 * one test process do not collide). Labels are bounded sets: route templates, never raw URLs
 * or ids. Domain code records through the typed methods below.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly httpRequestsInFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being served right now',
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'queue_job_duration_seconds',
    help: 'Time a worker spent on one job attempt, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  readonly jobsProcessed = new Counter({
    name: 'queue_jobs_processed_total',
    help: 'Job attempts finished by this worker, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly documentsIndexed = new Counter({
    name: 'documents_indexed_total',
    help: 'Knowledge documents indexed, by outcome (failed: gave up, will not be retried)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly embeddingTokens = new Counter({
    name: 'embedding_tokens_total',
    help: 'Tokens the embedding provider billed for knowledge chunks (per organization: the embedding_usage table)',
    registers: [this.registry],
  });

  readonly embeddingInputsTruncated = new Counter({
    name: 'embedding_inputs_truncated_total',
    help: "Chunks cut to fit the embedding model's input limit",
    registers: [this.registry],
  });

  readonly embeddingFailures = new Counter({
    name: 'embedding_failures_total',
    help: 'Documents whose embedding stopped: deferred (provider outage, resumed later) or rejected (key, model)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly searchFallbacks = new Counter({
    name: 'knowledge_search_fallbacks_total',
    help: 'Searches answered lexically because the query could not be embedded',
    registers: [this.registry],
  });

  readonly billingUsage = new Counter({
    name: 'billing_usage_total',
    help: 'Entitlement units taken (documents, bytes, seats, API keys, answers, tokens), by plan',
    labelNames: ['plan', 'entitlement'] as const,
    registers: [this.registry],
  });

  readonly billingLimitsReached = new Counter({
    name: 'billing_limit_reached_total',
    help: 'Requests refused with payment_required, by plan and entitlement',
    labelNames: ['plan', 'entitlement'] as const,
    registers: [this.registry],
  });

  readonly billingWebhookEvents = new Counter({
    name: 'billing_webhook_events_total',
    help: 'Stripe events processed by the worker, by type (unhandled types as "other") and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // prom-client adds gauges named `nodejs_active_*_total`, but only a counter may end in _total
    // (`promtool check metrics` fails them); the per-type `nodejs_active_*` gauges sum to the same.
    for (const metric of this.registry.getMetricsAsArray()) {
      if (!(metric instanceof Counter) && metric.name.endsWith('_total')) {
        this.registry.removeSingleMetric(metric.name);
      }
    }
  }

  /** A job attempt ended; `seconds` is how long the worker spent on it. */
  recordJob(queue: string, outcome: Outcome, seconds: number): void {
    this.jobsProcessed.inc({ queue, outcome });
    this.jobDuration.observe({ queue, outcome }, seconds);
  }

  /** A knowledge document reached its final state: indexed, or failed for good. */
  recordDocumentIndexed(outcome: Outcome): void {
    this.documentsIndexed.inc({ outcome });
  }

  recordEmbeddingTokens(tokens: number): void {
    this.embeddingTokens.inc(tokens);
  }

  recordEmbeddingTruncated(inputs: number): void {
    this.embeddingInputsTruncated.inc(inputs);
  }

  recordEmbeddingFailure(kind: 'deferred' | 'rejected'): void {
    this.embeddingFailures.inc({ kind });
  }

  recordSearchFallback(): void {
    this.searchFallbacks.inc();
  }

  /** An organization on `plan` took `amount` of an entitlement. */
  recordBillingUsage(plan: string, entitlement: string, amount: number): void {
    this.billingUsage.inc({ plan, entitlement }, amount);
  }

  recordBillingLimitReached(plan: string, entitlement: string): void {
    this.billingLimitsReached.inc({ plan, entitlement });
  }

  recordBillingEvent(type: string, outcome: Outcome | 'ignored'): void {
    this.billingWebhookEvents.inc({ type, outcome });
  }

  /** The exposition text and its content type, for whichever endpoint serves it. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
