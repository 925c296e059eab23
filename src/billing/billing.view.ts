import { ApiProperty } from '@nestjs/swagger';
import {
  ApiInteger,
  ApiNullableEnum,
  ApiNullableModel,
  ApiText,
  ApiTimestamp,
  SAFE_INTEGER_MAX,
} from '../core/http/api-properties';
import { ENTITLEMENTS, type Entitlement, type Limits, PAID_PLANS, PLAN_NAMES, type PlanName } from '../plans/plans';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../plans/subscription-status';

export class EntitlementUsageView {
  @ApiProperty({
    type: 'integer',
    format: 'int64',
    minimum: 0,
    maximum: SAFE_INTEGER_MAX,
    nullable: true,
    example: 50,
    description: 'null: unlimited',
  })
  limit: number | null;

  @ApiInteger(0, SAFE_INTEGER_MAX, { example: 12 })
  used: number;

  @ApiNullableEnum(['month'], { description: 'month: counted per calendar month (UTC)' })
  period: 'month' | null;
}

export class SubscriptionView {
  @ApiNullableEnum(PAID_PLANS) plan: string | null;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES }) status: SubscriptionStatus;
  @ApiTimestamp({ nullable: true }) currentPeriodStart: string | null;
  @ApiTimestamp({ nullable: true }) currentPeriodEnd: string | null;
  @ApiProperty() cancelAtPeriodEnd: boolean;
  @ApiTimestamp({ nullable: true, description: 'past_due only: when the plan falls back to free limits' })
  graceEndsAt: string | null;
}

class EntitlementsView implements Record<Entitlement, EntitlementUsageView> {
  @ApiProperty({ type: EntitlementUsageView, description: 'active users' }) seats: EntitlementUsageView;
  @ApiProperty({ type: EntitlementUsageView }) documents: EntitlementUsageView;
  @ApiProperty({ type: EntitlementUsageView, description: 'bytes of stored documents' })
  storageBytes: EntitlementUsageView;
  @ApiProperty({ type: EntitlementUsageView }) assistantAnswers: EntitlementUsageView;
  @ApiProperty({ type: EntitlementUsageView }) embeddingTokens: EntitlementUsageView;
  @ApiProperty({ type: EntitlementUsageView, description: 'active (not revoked, not expired) keys' })
  apiKeys: EntitlementUsageView;
}

export class BillingView {
  @ApiProperty({ description: 'false: this server runs without billing and nothing is limited' })
  billingEnabled: boolean;

  @ApiProperty({ enum: PLAN_NAMES, description: 'The plan whose limits apply now' })
  plan: PlanName;

  @ApiNullableModel(SubscriptionView, { required: false })
  subscription: SubscriptionView | null;

  @ApiProperty({ type: EntitlementsView })
  entitlements: EntitlementsView;
}

export class RedirectView {
  @ApiText(2_000, { example: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3' }) url: string;
}

export const toEntitlementsView = (
  limits: Limits,
  used: Record<Entitlement, number>,
  isMonthly: (name: Entitlement) => boolean,
): EntitlementsView =>
  Object.fromEntries(
    ENTITLEMENTS.map((name) => [
      name,
      { limit: limits[name], used: used[name], period: isMonthly(name) ? 'month' : null },
    ]),
  ) as unknown as EntitlementsView;
