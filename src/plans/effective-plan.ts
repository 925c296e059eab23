import type { AppConfig } from '../core/config/app-config';
import type { BillingAccount } from './billing-account.entity';
import type { PlanName } from './plans';

type Subscription = Pick<BillingAccount, 'plan' | 'status' | 'pastDueSince'>;

const DAY_MS = 86_400_000;

/** When a past-due subscription stops counting, or null when it is not past due. */
export function graceEndsAt(account: Subscription | null, config: AppConfig): Date | null {
  if (account?.status !== 'past_due' || !account.pastDueSince) return null;
  return new Date(account.pastDueSince.getTime() + config.BILLING_PAST_DUE_GRACE_DAYS * DAY_MS);
}

/**
 * The plan whose limits apply now: the subscribed one while it is paid for (or past due within
 * the grace period), free otherwise, and the unlimited self-hosted plan while billing is off.
 */
export function effectivePlan(account: Subscription | null, config: AppConfig, now = new Date()): PlanName {
  if (!config.STRIPE_SECRET_KEY) return 'self_hosted';
  if (!account?.plan) return 'free';
  if (account.status === 'active' || account.status === 'trialing') return account.plan;
  const grace = graceEndsAt(account, config);
  return grace && now < grace ? account.plan : 'free';
}
