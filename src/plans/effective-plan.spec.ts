import { loadConfig } from '../core/config/load-config';
import { effectivePlan, graceEndsAt } from './effective-plan';
import type { SubscriptionStatus } from './subscription-status';

const base = {
  DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};
const on = loadConfig({
  ...base,
  STRIPE_SECRET_KEY: 'sk_test_123',
  STRIPE_WEBHOOK_SECRET: 'whsec_12345678',
  STRIPE_PRICE_TEAM: 'price_team',
  STRIPE_PRICE_BUSINESS: 'price_business',
  BILLING_PAST_DUE_GRACE_DAYS: '3',
});
const off = loadConfig(base);
const DAY = 86_400_000;
const now = new Date('2026-11-26T12:00:00Z');
const account = (status: SubscriptionStatus | null, pastDueDaysAgo?: number) => ({
  plan: 'team' as const,
  status,
  pastDueSince: pastDueDaysAgo === undefined ? null : new Date(now.getTime() - pastDueDaysAgo * DAY),
});

describe('effectivePlan', () => {
  it('is self-hosted whenever billing is off, whatever is stored', () => {
    expect(effectivePlan(null, off, now)).toBe('self_hosted');
    expect(effectivePlan(account('canceled'), off, now)).toBe('self_hosted');
  });

  it('is free without a subscription, and the plan while it is paid for', () => {
    expect(effectivePlan(null, on, now)).toBe('free');
    expect(effectivePlan({ plan: null, status: null, pastDueSince: null }, on, now)).toBe('free');
    expect(effectivePlan(account('active'), on, now)).toBe('team');
    expect(effectivePlan(account('trialing'), on, now)).toBe('team');
  });

  it('keeps the plan while past due within the grace period, then falls back to free', () => {
    expect(effectivePlan(account('past_due', 2.9), on, now)).toBe('team');
    expect(effectivePlan(account('past_due', 3.1), on, now)).toBe('free');
    expect(graceEndsAt(account('past_due', 1), on)?.toISOString()).toBe(
      new Date(now.getTime() + 2 * DAY).toISOString(),
    );
  });

  it('is free once the subscription is canceled or never completed', () => {
    expect(effectivePlan(account('canceled'), on, now)).toBe('free');
    expect(effectivePlan(account('incomplete'), on, now)).toBe('free');
  });
});

describe('billing configuration', () => {
  it('needs the webhook secret and both prices once a Stripe key is set', () => {
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_123' })).toThrow(
      /STRIPE_WEBHOOK_SECRET[\s\S]*STRIPE_PRICE_TEAM[\s\S]*STRIPE_PRICE_BUSINESS/,
    );
  });

  it('refuses something that is not a Stripe secret key (a publishable key, say)', () => {
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: 'pk_test_123' })).toThrow(/STRIPE_SECRET_KEY/);
  });
});
