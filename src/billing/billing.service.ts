import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AppConfig } from '../core/config/app-config';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ConflictError } from '../core/http/app-error';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { BillingAccount } from '../plans/billing-account.entity';
import { lockBillingAccount } from '../plans/lock-billing-account';
import { BillingUsage } from '../plans/billing-usage.entity';
import { type BillingView, type RedirectView, toEntitlementsView } from './billing.view';
import { effectivePlan, graceEndsAt } from '../plans/effective-plan';
import { periodOf } from '../plans/entitlements';
import { type Entitlement, isMonthly, limitsOf, MONTHLY_ENTITLEMENTS, type PaidPlan, priceOf } from '../plans/plans';
import { STRIPE } from './stripe-client';
import { callStripe } from './stripe-failure';
import { isLive } from '../plans/subscription-status';
import { countUsage } from './usage-counts';

const BILLING_OFF = 'Billing is not enabled on this server';

/** What an organization sees of its billing, and the two ways into Stripe: Checkout and the Customer Portal. */
@Injectable()
export class BillingService {
  constructor(
    private readonly config: AppConfig,
    private readonly tenant: TenantTransaction,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @InjectPinoLogger('billing') private readonly logger: PinoLogger,
  ) {}

  async overview(actor: Actor): Promise<BillingView> {
    const { organizationId } = actor;
    return this.tenant.run(organizationId, async (manager) => {
      const account = await manager.findOneBy(BillingAccount, { organizationId });
      const plan = effectivePlan(account, this.config);
      const counted = await countUsage(manager, organizationId);
      const monthly = await manager.findBy(BillingUsage, { organizationId, periodStart: periodOf(new Date()) });
      const used: Record<Entitlement, number> = { ...counted, assistantAnswers: 0, embeddingTokens: 0 };
      for (const row of monthly) if (MONTHLY_ENTITLEMENTS.includes(row.entitlement)) used[row.entitlement] = row.used;
      return {
        billingEnabled: this.stripe !== null,
        plan,
        subscription: account?.status
          ? {
              plan: account.plan,
              status: account.status,
              currentPeriodStart: account.currentPeriodStart?.toISOString() ?? null,
              currentPeriodEnd: account.currentPeriodEnd?.toISOString() ?? null,
              cancelAtPeriodEnd: account.cancelAtPeriodEnd,
              graceEndsAt: graceEndsAt(account, this.config)?.toISOString() ?? null,
            }
          : null,
        entitlements: toEntitlementsView(limitsOf(plan, this.config), used, isMonthly),
      };
    });
  }

  /**
   * A Checkout Session for `plan`. The organization id travels in the session and in the
   * subscription's metadata: that is how the webhook finds the organization again.
   */
  async checkout(actor: Actor, plan: PaidPlan): Promise<RedirectView> {
    const stripe = this.requireStripe();
    const { organizationId } = actor;
    const customer = await this.tenant.run(organizationId, async (manager) => {
      const account = await lockBillingAccount(manager, organizationId);
      if (isLive(account.status)) {
        throw new ConflictError('This organization already has a subscription; change it in the billing portal');
      }
      return account.stripeCustomerId ?? (await this.createCustomer(manager, stripe, actor));
    });
    const session = await callStripe(stripe, this.logger, 'checkout.create', () =>
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer,
        client_reference_id: organizationId,
        line_items: [{ price: priceOf(plan, this.config), quantity: 1 }],
        metadata: { organizationId },
        subscription_data: { metadata: { organizationId } },
        success_url: this.returnUrl('success'),
        cancel_url: this.returnUrl('canceled'),
      }),
    );
    this.logger.info({ plan, checkoutSessionId: session.id }, 'billing.checkout_started');
    return { url: session.url as string };
  }

  /** A Customer Portal session, where the owner changes the plan, the card or cancels. */
  async portal(actor: Actor): Promise<RedirectView> {
    const stripe = this.requireStripe();
    const { organizationId } = actor;
    const account = await this.tenant.run(organizationId, (manager) =>
      manager.findOneBy(BillingAccount, { organizationId }),
    );
    if (!account?.stripeCustomerId) throw new ConflictError('This organization has not subscribed yet');
    const customer = account.stripeCustomerId;
    const session = await callStripe(stripe, this.logger, 'portal.create', () =>
      stripe.billingPortal.sessions.create({ customer, return_url: this.config.BILLING_RETURN_URL }),
    );
    return { url: session.url };
  }

  private requireStripe(): Stripe {
    if (!this.stripe) throw new ConflictError(BILLING_OFF);
    return this.stripe;
  }

  /** One customer per organization: the row lock serializes two checkouts, the idempotency key a retried call. */
  private async createCustomer(manager: EntityManager, stripe: Stripe, actor: Actor): Promise<string> {
    const organization = await manager.findOneByOrFail(Organization, { id: actor.organizationId });
    const user = actor.userId
      ? await manager.findOneBy(User, { id: actor.userId, organizationId: actor.organizationId })
      : null;
    const customer = await callStripe(stripe, this.logger, 'customer.create', () =>
      stripe.customers.create(
        { name: organization.name, email: user?.email, metadata: { organizationId: actor.organizationId } },
        { idempotencyKey: `deskbase-customer-${actor.organizationId}` },
      ),
    );
    await manager.update(BillingAccount, { organizationId: actor.organizationId }, { stripeCustomerId: customer.id });
    this.logger.info({ stripeCustomerId: customer.id }, 'billing.customer_created');
    return customer.id;
  }

  private returnUrl(checkout: 'success' | 'canceled'): string {
    const url = new URL(this.config.BILLING_RETURN_URL);
    url.searchParams.set('checkout', checkout);
    return url.toString();
  }
}
