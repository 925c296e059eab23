import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { BadRequestError, NotFoundError } from '../../core/http/app-error';
import { STRIPE } from '../stripe-client';
import { BillingEventQueue } from './billing-event-queue';
import { isHandled } from './stripe-event-types';

/**
 * The receiving end of Stripe's webhooks: verify, store once, enqueue, answer. Nothing slow
 * happens here, so Stripe gets its 2xx in milliseconds and does not retry for our sake.
 */
@Injectable()
export class StripeWebhookReceiver {
  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly queue: BillingEventQueue,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @InjectPinoLogger('billing') private readonly logger: PinoLogger,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<void> {
    // While billing is off the endpoint does not exist.
    if (!this.stripe || !this.config.STRIPE_WEBHOOK_SECRET) throw new NotFoundError('Route');
    if (!signature) throw new BadRequestError('Missing Stripe-Signature header');
    const body = rawBody ?? Buffer.alloc(0);
    const event = this.verify(body, signature, this.stripe, this.config.STRIPE_WEBHOOK_SECRET);
    const handled = isHandled(event.type);
    // One round trip: store the event unless its id is known, and read back whether it was processed.
    // Types we do not act on are stored as already processed: acknowledged, and there for the record.
    const [stored]: Array<{ processed: boolean }> = await this.dataSource.query(
      `WITH inserted AS (
         INSERT INTO billing_events (id, type, created_at, payload, processed_at, outcome)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (id) DO NOTHING
         RETURNING processed_at IS NOT NULL AS processed
       )
       SELECT processed FROM inserted
       UNION ALL
       SELECT processed_at IS NOT NULL FROM billing_events WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [
        event.id,
        event.type,
        new Date(event.created * 1000),
        body.toString('utf8'),
        handled ? null : new Date(),
        handled ? null : 'ignored',
      ],
    );
    // Enqueued on every delivery until processed: a delivery whose enqueue failed (503) is retried by Stripe.
    if (handled && !stored?.processed) await this.queue.add(event.id);
    this.logger.info({ eventId: event.id, eventType: event.type, handled }, 'billing.webhook_received');
  }

  /** Stripe's own check: HMAC over the exact bytes, and a timestamp within the SDK's default tolerance (5 min). */
  private verify(rawBody: Buffer, signature: string, stripe: Stripe, secret: string): Stripe.Event {
    try {
      return stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      this.logger.warn('billing.webhook_signature_invalid');
      throw new BadRequestError('Invalid Stripe-Signature');
    }
  }
}
