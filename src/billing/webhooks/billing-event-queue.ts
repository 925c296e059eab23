import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { withTimeout } from '../../core/async/with-timeout';
import { ServiceUnavailableError } from '../../core/http/app-error';
import { QUEUES } from '../../core/queue/queue-names';
import { type BillingEventJob, billingEventJobId } from './billing-event-job';

/** A delivery waits no longer than this for Redis before it answers 503 (and Stripe delivers again later). */
const ENQUEUE_TIMEOUT_MS = 2_000;

/** Enqueues stored Stripe events; fails fast with 503 when Redis is away, so Stripe delivers again later. */
@Injectable()
export class BillingEventQueue {
  constructor(@InjectQueue(QUEUES.billingEvents) private readonly queue: Queue<BillingEventJob>) {}

  async add(eventId: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add('stripe-event', { eventId }, { jobId: billingEventJobId(eventId) }),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch {
      throw new ServiceUnavailableError('The billing queue is unavailable, retry later');
    }
  }
}
