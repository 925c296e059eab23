import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import type { BillingAccount } from '../../plans/billing-account.entity';
import { lockBillingAccount } from '../../plans/lock-billing-account';
import { planOfPrice } from '../../plans/plans';
import { STRIPE } from '../stripe-client';
import { fromStripeStatus, isLive } from '../../plans/subscription-status';
import type { EventTarget } from './event-target';

export type SyncOutcome = 'applied' | 'ignored';

const fromEpoch = (seconds: number | undefined): Date | null => (seconds ? new Date(seconds * 1000) : null);

/**
 * Brings an organization's billing row in line with Stripe. Whatever the event carried, the
 * subscription is read again from Stripe while the row is locked, so the newest state wins:
 * an old or repeated event, or two events handled at once, can only write what Stripe says now.
 */
@Injectable()
export class SubscriptionSync {
  constructor(
    private readonly config: AppConfig,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @InjectPinoLogger('billing') private readonly logger: PinoLogger,
  ) {}

  /** Runs inside the organization's tenant transaction. */
  async sync(manager: EntityManager, organizationId: string, target: EventTarget): Promise<SyncOutcome> {
    const account = await lockBillingAccount(manager, organizationId);
    const subscription = await this.retrieve(target.subscriptionId);
    const customerId = subscription ? customerOf(subscription) : target.customerId;
    // A customer id is never reassigned: an event naming another customer for this organization is not ours to apply.
    if (account.stripeCustomerId && customerId && account.stripeCustomerId !== customerId) {
      this.logger.warn({ organizationId, subscriptionId: target.subscriptionId }, 'billing.customer_mismatch');
      return 'ignored';
    }
    const next = subscription ? this.stateOf(subscription, account) : this.gone(target.subscriptionId, account);
    if (!next) return 'ignored';
    Object.assign(account, next, { stripeCustomerId: account.stripeCustomerId ?? customerId });
    await manager.save(account);
    this.logger.info(
      { organizationId, subscriptionId: target.subscriptionId, plan: account.plan, status: account.status },
      'billing.subscription_synced',
    );
    return 'applied';
  }

  /** The subscription as Stripe has it now; null once Stripe no longer knows it. */
  private async retrieve(id: string): Promise<Stripe.Subscription | null> {
    const stripe = this.stripe as Stripe;
    try {
      return await stripe.subscriptions.retrieve(id);
    } catch (error) {
      if (error instanceof stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') return null;
      throw error;
    }
  }

  /**
   * The row's new subscription fields, or null when this subscription must not replace the one
   * the row holds (an old subscription ending while a newer one is live).
   */
  private stateOf(subscription: Stripe.Subscription, account: BillingAccount): Partial<BillingAccount> | null {
    const status = fromStripeStatus(subscription.status);
    const current = account.stripeSubscriptionId;
    const replaces = !current || current === subscription.id || !isLive(account.status);
    if (!replaces && !isLive(status)) return null;
    const item = subscription.items.data[0];
    const plan = item ? planOfPrice(item.price.id, this.config) : null;
    if (!plan) this.logger.warn({ subscriptionId: subscription.id }, 'billing.unknown_price');
    return {
      plan,
      status,
      stripeSubscriptionId: subscription.id,
      currentPeriodStart: fromEpoch(item?.current_period_start),
      currentPeriodEnd: fromEpoch(item?.current_period_end),
      cancelAtPeriodEnd: subscription.cancel_at_period_end || subscription.cancel_at !== null,
      pastDueSince: status === 'past_due' ? (account.pastDueSince ?? new Date()) : null,
    };
  }

  /** Stripe no longer has the subscription: it ended, if it is the one the row holds. */
  private gone(subscriptionId: string, account: BillingAccount): Partial<BillingAccount> | null {
    if (account.stripeSubscriptionId !== subscriptionId) return null;
    return { status: 'canceled', cancelAtPeriodEnd: false, pastDueSince: null };
  }
}

const customerOf = (subscription: Stripe.Subscription): string =>
  typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
