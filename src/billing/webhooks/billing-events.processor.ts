import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { isUUID } from 'class-validator';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type Stripe from 'stripe';
import { DataSource, IsNull } from 'typeorm';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { Metrics } from '../../core/metrics/metrics';
import { QUEUES } from '../../core/queue/queue-names';
import { Organization } from '../../organizations/organization.entity';
import { STRIPE } from '../stripe-client';
import type { BillingEventJob } from './billing-event-job';
import { BillingEvent } from './billing-event.entity';
import { type EventTarget, targetOf } from './event-target';
import { eventTypeLabel } from './stripe-event-types';
import { SubscriptionSync } from './subscription-sync';

/** This worker runs without STRIPE_SECRET_KEY while the API that stored the event has it. */
class BillingOffError extends Error {
  override name = 'BillingOffError';
}

export type EventProcessing = 'applied' | 'ignored' | 'duplicate';

/**
 * A code that says what failed without repeating a provider message or the event. Stripe's
 * error classes come from the client: the SDK is loaded only when billing is on.
 */
const failureCode = (stripe: Stripe | null, error: unknown): string =>
  stripe && error instanceof stripe.errors.StripeError
    ? `stripe_${error.type}`
    : error instanceof Error
      ? error.name
      : 'unknown';

/**
 * Applies one stored Stripe event, exactly once: the event row is locked and marked processed
 * in the same transaction as the change it causes, so a second delivery, a retried job or a
 * job running twice finds it done. Failures are retried with backoff (the queue's defaults).
 */
@Processor(QUEUES.billingEvents)
export class BillingEventsProcessor extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    private readonly sync: SubscriptionSync,
    private readonly metrics: Metrics,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @InjectPinoLogger('billing') private readonly logger: PinoLogger,
  ) {
    super();
  }

  async process(job: Job<BillingEventJob>): Promise<EventProcessing> {
    const events = this.dataSource.getRepository(BillingEvent);
    const stored = await events.findOneBy({ id: job.data.eventId });
    if (!stored) throw new UnrecoverableError('event_missing');
    if (stored.processedAt) return 'duplicate';
    const context = { eventId: stored.id, eventType: stored.type, attempt: job.attemptsMade + 1 };
    try {
      // A worker without the Stripe key cannot apply anything: fail (and retry), never mark the event done.
      if (!this.stripe) throw new BillingOffError();
      const outcome = await this.apply(stored);
      this.logger.info({ ...context, outcome }, 'billing.webhook_processed');
      if (outcome !== 'duplicate')
        this.metrics.recordBillingEvent(eventTypeLabel(stored.type), outcome === 'applied' ? 'succeeded' : 'ignored');
      return outcome;
    } catch (error) {
      const code = failureCode(this.stripe, error).slice(0, 64);
      await events
        .update({ id: stored.id }, { failures: () => 'failures + 1', lastError: code })
        .catch(() => undefined);
      this.metrics.recordBillingEvent(eventTypeLabel(stored.type), 'failed');
      this.logger.error({ ...context, error: code }, 'billing.webhook_failed');
      throw error;
    }
  }

  private async apply(stored: BillingEvent): Promise<EventProcessing> {
    const target = targetOf(stored.payload);
    const organizationId = target ? await this.organizationOf(target) : null;
    if (!target || !organizationId) {
      await this.dataSource
        .getRepository(BillingEvent)
        .update({ id: stored.id, processedAt: IsNull() }, { processedAt: new Date(), outcome: 'ignored' });
      return 'ignored';
    }
    return this.tenant.run(organizationId, async (manager) => {
      const event = await manager.findOneOrFail(BillingEvent, {
        where: { id: stored.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (event.processedAt) return 'duplicate';
      const known = await manager.existsBy(Organization, { id: organizationId });
      const outcome = known ? await this.sync.sync(manager, organizationId, target) : 'ignored';
      await manager.update(BillingEvent, { id: event.id }, { processedAt: new Date(), outcome });
      return outcome;
    });
  }

  /** The organization named in the event, else in the Stripe customer's metadata (set at checkout). */
  private async organizationOf(target: EventTarget): Promise<string | null> {
    let organizationId = target.organizationId;
    if (!organizationId && target.customerId && this.stripe) {
      const customer = await this.stripe.customers.retrieve(target.customerId);
      organizationId = customer.deleted ? null : (customer.metadata.organizationId ?? null);
    }
    return organizationId && isUUID(organizationId) ? organizationId : null;
  }
}
