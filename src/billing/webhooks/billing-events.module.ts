import { Module } from '@nestjs/common';
import { StripeModule } from '../stripe.module';
import { BillingEventsProcessor } from './billing-events.processor';
import { SubscriptionSync } from './subscription-sync';

/** The worker side of billing: Stripe events applied one by one, exactly once. */
@Module({
  imports: [StripeModule],
  providers: [BillingEventsProcessor, SubscriptionSync],
})
export class BillingEventsModule {}
