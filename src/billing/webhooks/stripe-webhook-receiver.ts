import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { BadRequestError, NotFoundError } from '../../core/http/app-error';
import { STRIPE } from '../stripe-client';
import { BillingEvent } from './billing-event.entity';
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
    const event = this.verify(rawBody ?? Buffer.alloc(0), signature, this.stripe, this.config.STRIPE_WEBHOOK_SECRET);
    const handled = isHandled(event.type);
    // Types we do not act on are stored as already processed: acknowledged, and there for the record.
    await this.dataSource.query(
      `INSERT INTO billing_events (id, type, created_at, payload, processed_at, outcome)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [
        event.id,
        event.type,
        new Date(event.created * 1000),
        JSON.stringify(event),
        handled ? null : new Date(),
        handled ? null : 'ignored',
      ],
    );
    const stored = await this.dataSource.getRepository(BillingEvent).findOne({
      select: { id: true, processedAt: true },
      where: { id: event.id },
    });
    // Enqueued on every delivery until processed: a delivery whose enqueue failed (503) is retried by Stripe.
    if (handled && !stored?.processedAt) await this.queue.add(event.id);
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
