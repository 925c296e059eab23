import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller';
import { BillingService } from './billing.service';
import { StripeModule } from './stripe.module';
import { BillingEventQueue } from './webhooks/billing-event-queue';
import { StripeWebhookController } from './webhooks/stripe-webhook.controller';
import { StripeWebhookReceiver } from './webhooks/stripe-webhook-receiver';

/** The API side of billing: the organization's view, Checkout, the portal, and Stripe's webhooks. */
@Module({
  imports: [StripeModule],
  controllers: [BillingController, StripeWebhookController],
  providers: [BillingService, StripeWebhookReceiver, BillingEventQueue],
})
export class BillingModule {}
