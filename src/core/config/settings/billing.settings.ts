import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import { IntSetting, type SettingsBase, UrlSetting } from './setting-kinds';

/** Settings that billing needs once STRIPE_SECRET_KEY turns it on. */
type BillingSetting = 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_PRICE_TEAM' | 'STRIPE_PRICE_BUSINESS';

/** Required while billing is on (and checked whenever set), at least `min` characters long. */
const RequiredWithBilling = (name: BillingSetting, min: number): PropertyDecorator =>
  applyDecorators(
    MinLength(min),
    IsString({ message: `${name} is required when STRIPE_SECRET_KEY is set` }),
    ValidateIf(
      (config: Partial<Record<BillingSetting | 'STRIPE_SECRET_KEY', string>>) =>
        config.STRIPE_SECRET_KEY !== undefined || config[name] !== undefined,
    ),
  );

/** Billing through Stripe, and the free plan's limits. */
export const BillingSettings = <Base extends SettingsBase>(base: Base) => {
  class Billing extends base {
    /**
     * Billing is on when this is set (a Stripe secret key, `sk_test_...` or `sk_live_...`);
     * unset, every organization has the unlimited self-hosted plan and no limit applies.
     */
    @IsOptional()
    @IsString()
    @Matches(/^(sk|rk)_(test|live)_\S+$/, {
      message: 'STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_... or sk_live_...)',
    })
    STRIPE_SECRET_KEY?: string;

    /** Signing secret of the webhook endpoint (`whsec_...`); required when billing is on. */
    @RequiredWithBilling('STRIPE_WEBHOOK_SECRET', 8) STRIPE_WEBHOOK_SECRET?: string;

    /** Stripe Price of each paid plan; required when billing is on. */
    @RequiredWithBilling('STRIPE_PRICE_TEAM', 1) STRIPE_PRICE_TEAM?: string;
    @RequiredWithBilling('STRIPE_PRICE_BUSINESS', 1) STRIPE_PRICE_BUSINESS?: string;

    /** Where the Stripe SDK sends its requests; only a local stand-in (tests) changes it. */
    @UrlSetting('http', 'https') STRIPE_API_URL = 'https://api.stripe.com';

    /** Longest wait for one Stripe API request, in ms. */
    @IntSetting(1_000, 120_000) STRIPE_TIMEOUT_MS = 20_000;

    /** Where Stripe Checkout and the Customer Portal send the user back (the web app's billing page). */
    @UrlSetting('http', 'https') BILLING_RETURN_URL = 'http://localhost:3000/';

    /** Days a `past_due` subscription keeps its plan; after that the organization has free limits. */
    @IntSetting(0, 90) BILLING_PAST_DUE_GRACE_DAYS = 7;

    /** The free plan's limits (billing on only). */
    @IntSetting(1) BILLING_FREE_SEATS = 3;
    @IntSetting(0) BILLING_FREE_DOCUMENTS = 50;
    @IntSetting(0) BILLING_FREE_STORAGE_BYTES = 104_857_600;
    @IntSetting(0) BILLING_FREE_ASSISTANT_ANSWERS = 200;
    @IntSetting(0) BILLING_FREE_EMBEDDING_TOKENS = 500_000;
    @IntSetting(0) BILLING_FREE_API_KEYS = 2;
  }
  return Billing;
};
