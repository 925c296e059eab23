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

  readonly httpRequestDuration = this.histogram(
    'http_request_duration_seconds',
    'HTTP request duration by method, route template and status code',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ['method', 'route', 'status_code'],
  );

  readonly httpRequestsInFlight = this.gauge('http_requests_in_flight', 'HTTP requests being served right now');

  readonly jobDuration = this.histogram(
    'queue_job_duration_seconds',
    'Time a worker spent on one job attempt, by queue and outcome',
    [0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    ['queue', 'outcome'],
  );

  readonly jobsProcessed = this.counter(
    'queue_jobs_processed_total',
    'Job attempts finished by this worker, by queue and outcome',
    ['queue', 'outcome'],
  );

  readonly documentsIndexed = this.counter(
    'documents_indexed_total',
    'Knowledge documents indexed, by outcome (failed: gave up, will not be retried)',
    ['outcome'],
  );

  readonly embeddingTokens = this.counter(
    'embedding_tokens_total',
    'Tokens the embedding provider billed for knowledge chunks (per organization: the embedding_usage table)',
  );

  readonly embeddingInputsTruncated = this.counter(
    'embedding_inputs_truncated_total',
    "Chunks cut to fit the embedding model's input limit",
  );

  readonly embeddingFailures = this.counter(
    'embedding_failures_total',
    'Documents whose embedding stopped: deferred (provider outage, resumed later) or rejected (key, model)',
    ['kind'],
  );

  readonly searchFallbacks = this.counter(
    'knowledge_search_fallbacks_total',
    'Searches answered lexically because the query could not be embedded',
  );

  readonly billingUsage = this.counter(
    'billing_usage_total',
    'Entitlement units taken (documents, bytes, seats, API keys, answers, tokens), by plan',
    ['plan', 'entitlement'],
  );

  readonly billingLimitsReached = this.counter(
    'billing_limit_reached_total',
    'Requests refused with payment_required, by plan and entitlement',
    ['plan', 'entitlement'],
  );

  readonly billingWebhookEvents = this.counter(
    'billing_webhook_events_total',
    'Stripe events processed by the worker, by type (unhandled types as "other") and outcome',
    ['type', 'outcome'],
  );

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

  private counter<Label extends string>(name: string, help: string, labelNames: readonly Label[] = []): Counter<Label> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<Label extends string>(name: string, help: string, labelNames: readonly Label[] = []): Gauge<Label> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<Label extends string>(
    name: string,
    help: string,
    buckets: number[],
    labelNames: readonly Label[] = [],
  ): Histogram<Label> {
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }
}
