/** The subscription states an organization can be in, as the API shows them. */
export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'incomplete'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A subscription that still stands (paid, trialing, or being retried): the organization has one. */
export const isLive = (status: SubscriptionStatus | null): boolean =>
  status === 'active' || status === 'trialing' || status === 'past_due';

/**
 * Stripe has more states than the product needs: `unpaid` is past due with retries exhausted,
 * `incomplete_expired` never started, `paused` (a trial that ended without a payment method)
 * pays nothing. Unknown future states are treated as not paying.
 */
export function fromStripeStatus(status: string): SubscriptionStatus {
  switch (status) {
    case 'trialing':
    case 'active':
    case 'past_due':
    case 'canceled':
    case 'incomplete':
      return status;
    case 'unpaid':
      return 'past_due';
    case 'incomplete_expired':
      return 'canceled';
    default:
      return 'incomplete';
  }
}
