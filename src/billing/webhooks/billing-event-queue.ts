import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ServiceUnavailableError } from '../../core/http/app-error';
import { QUEUES } from '../../core/queue/queue-names';
import { withinDeadline } from '../../core/queue/within-deadline';
import { type BillingEventJob, billingEventJobId } from './billing-event-job';

/** Enqueues stored Stripe events; fails fast with 503 when Redis is away, so Stripe delivers again later. */
@Injectable()
export class BillingEventQueue {
  constructor(@InjectQueue(QUEUES.billingEvents) private readonly queue: Queue<BillingEventJob>) {}

  async add(eventId: string): Promise<void> {
    try {
      await withinDeadline(this.queue.add('stripe-event', { eventId }, { jobId: billingEventJobId(eventId) }));
    } catch {
      throw new ServiceUnavailableError('The billing queue is unavailable, retry later');
    }
  }
}
