import { randomBytes } from 'node:crypto';
import { FakeStripeServer } from './fake-stripe-server';

// Made per run: a production-mode app refuses any secret written in the repository.
export const STRIPE_TEST_KEY = `sk_test_${randomBytes(24).toString('hex')}`;
export const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('hex')}`;
export const PRICES = { team: 'price_test_team', business: 'price_test_business' } as const;

/** A local Stripe for one spec, with our two prices. */
export const startFakeStripe = (): Promise<FakeStripeServer> =>
  new FakeStripeServer(STRIPE_TEST_KEY, Object.values(PRICES)).start();

/** Settings that turn billing on against `stripe`, plus the spec's own (small free limits, usually). */
export const billingSettings = (stripe: FakeStripeServer, overrides: Record<string, string> = {}) => ({
  STRIPE_SECRET_KEY: STRIPE_TEST_KEY,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_PRICE_TEAM: PRICES.team,
  STRIPE_PRICE_BUSINESS: PRICES.business,
  STRIPE_API_URL: stripe.url,
  BILLING_RETURN_URL: 'http://localhost:5173/settings/billing',
  ...overrides,
});

export interface LimitDetail {
  field: string;
  message: string;
  limit: number;
  used: number;
  plan: string;
}
