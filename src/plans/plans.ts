import type { AppConfig } from '../core/config/app-config';

/** What a plan limits. Counted ones are read from the rows themselves; monthly ones from usage counters. */
export const ENTITLEMENTS = [
  'seats',
  'documents',
  'storageBytes',
  'assistantAnswers',
  'embeddingTokens',
  'apiKeys',
] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];

/** Consumed per calendar month (UTC) and counted in `billing_usage`; the others are counted from their rows. */
export const MONTHLY_ENTITLEMENTS = ['assistantAnswers', 'embeddingTokens'] as const;
export type MonthlyEntitlement = (typeof MONTHLY_ENTITLEMENTS)[number];
export type CountedEntitlement = Exclude<Entitlement, MonthlyEntitlement>;

export const isMonthly = (entitlement: Entitlement): entitlement is MonthlyEntitlement =>
  (MONTHLY_ENTITLEMENTS as readonly string[]).includes(entitlement);

/** Plans a subscription can be on; `self_hosted` is what everyone has while billing is off. */
export const PAID_PLANS = ['team', 'business'] as const;
export type PaidPlan = (typeof PAID_PLANS)[number];
export type PlanName = 'free' | PaidPlan | 'self_hosted';
export const PLAN_NAMES: readonly PlanName[] = ['free', ...PAID_PLANS, 'self_hosted'];

/** A limit per entitlement; `null` is unlimited. */
export type Limits = Record<Entitlement, number | null>;

const GB = 1024 ** 3;

const PAID_LIMITS: Record<PaidPlan, Limits> = {
  team: {
    seats: 15,
    documents: 2_000,
    storageBytes: 10 * GB,
    assistantAnswers: 5_000,
    embeddingTokens: 20_000_000,
    apiKeys: 10,
  },
  business: {
    seats: 100,
    documents: 25_000,
    storageBytes: 100 * GB,
    assistantAnswers: 50_000,
    embeddingTokens: 200_000_000,
    apiKeys: 50,
  },
};

const UNLIMITED: Limits = {
  seats: null,
  documents: null,
  storageBytes: null,
  assistantAnswers: null,
  embeddingTokens: null,
  apiKeys: null,
};

/** The limits of a plan. Free's come from configuration so a deployment can be more or less generous. */
export function limitsOf(plan: PlanName, config: AppConfig): Limits {
  if (plan === 'self_hosted') return UNLIMITED;
  if (plan === 'free') {
    return {
      seats: config.BILLING_FREE_SEATS,
      documents: config.BILLING_FREE_DOCUMENTS,
      storageBytes: config.BILLING_FREE_STORAGE_BYTES,
      assistantAnswers: config.BILLING_FREE_ASSISTANT_ANSWERS,
      embeddingTokens: config.BILLING_FREE_EMBEDDING_TOKENS,
      apiKeys: config.BILLING_FREE_API_KEYS,
    };
  }
  return PAID_LIMITS[plan];
}

/** The Stripe Price a paid plan is sold at, from configuration. */
export function priceOf(plan: PaidPlan, config: AppConfig): string | undefined {
  return plan === 'team' ? config.STRIPE_PRICE_TEAM : config.STRIPE_PRICE_BUSINESS;
}

/** The paid plan a Stripe Price stands for, or null when it is none of ours. */
export function planOfPrice(priceId: string, config: AppConfig): PaidPlan | null {
  return PAID_PLANS.find((plan) => priceOf(plan, config) === priceId) ?? null;
}
