import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { PaymentRequiredError } from '../core/http/app-error';
import { Metrics } from '../core/metrics/metrics';
import { BillingAccount } from './billing-account.entity';
import { lockBillingAccount } from './lock-billing-account';
import { BillingUsage } from './billing-usage.entity';
import { effectivePlan } from './effective-plan';
import { type CountedEntitlement, type Entitlement, limitsOf, type MonthlyEntitlement, type PlanName } from './plans';

const NOUNS: Record<Entitlement, string> = {
  seats: 'active users',
  documents: 'documents',
  storageBytes: 'bytes of stored documents',
  assistantAnswers: 'assistant answers a month',
  embeddingTokens: 'embedding tokens a month',
  apiKeys: 'active API keys',
};

/**
 * How much of the entitlements in `E` an organization holds now, counted from the rows of the
 * domain that owns them (users count seats, documents count themselves), so a deletion frees its
 * slot without any bookkeeping. Runs in the caller's tenant transaction.
 */
export type UsageCount<E extends CountedEntitlement> = (
  manager: EntityManager,
  organizationId: string,
) => Promise<Record<E, number>>;

/** First day of the calendar month (UTC) that `now` falls in, as a date. */
export const periodOf = (now: Date): string => `${now.toISOString().slice(0, 7)}-01`;

/**
 * The one place limits are checked, called where the usage happens and inside the caller's
 * tenant transaction, so a refusal leaves nothing written. While billing is off every method
 * returns at once and touches nothing.
 */
@Injectable()
export class Entitlements {
  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  get enabled(): boolean {
    return this.config.STRIPE_SECRET_KEY !== undefined;
  }

  /**
   * Refuses with 402 when adding `wanted` would pass a limit counted from rows by `inUse` (seats,
   * documents, stored bytes, API keys). Locks the organization's billing row until the caller's
   * transaction ends, so two requests at the last free slot are serialized: the second one
   * counts the first one's row and is refused.
   */
  async reserve<E extends CountedEntitlement>(
    manager: EntityManager,
    organizationId: string,
    wanted: Record<E, number>,
    inUse: UsageCount<E>,
  ): Promise<void> {
    if (!this.enabled) return;
    const plan = effectivePlan(await lockBillingAccount(manager, organizationId), this.config);
    const limits = limitsOf(plan, this.config);
    const names = Object.keys(wanted) as E[];
    const usage = await inUse(manager, organizationId);
    for (const name of names) {
      const limit = limits[name];
      const amount = wanted[name];
      if (limit !== null && usage[name] + amount > limit) this.refuse(plan, name, limit, usage[name]);
    }
    for (const name of names) this.metrics.recordBillingUsage(plan, name, wanted[name]);
  }

  /**
   * Counts `amount` of a monthly entitlement (assistant answers, embedding tokens), or refuses
   * with 402 when it would pass the month's limit. One conditional upsert: concurrent callers
   * cannot both take the last units.
   */
  async consume(
    manager: EntityManager,
    organizationId: string,
    entitlement: MonthlyEntitlement,
    amount: number,
  ): Promise<void> {
    if (!this.enabled) return;
    if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`Cannot consume ${amount} ${entitlement}`);
    const account = await manager.findOneBy(BillingAccount, { organizationId });
    const plan = effectivePlan(account, this.config);
    const limit = limitsOf(plan, this.config)[entitlement];
    const periodStart = periodOf(new Date());
    const rows: Array<{ used: string }> = await manager.query(
      `INSERT INTO billing_usage (organization_id, entitlement, period_start, used)
       SELECT $1::uuid, $2::varchar, $3::date, $4::bigint WHERE $5::bigint IS NULL OR $4::bigint <= $5::bigint
       ON CONFLICT (organization_id, entitlement, period_start)
       DO UPDATE SET used = billing_usage.used + EXCLUDED.used
       WHERE $5::bigint IS NULL OR billing_usage.used + EXCLUDED.used <= $5::bigint
       RETURNING used`,
      [organizationId, entitlement, periodStart, amount, limit],
    );
    if (rows.length === 0) {
      const current = await manager.findOneBy(BillingUsage, { organizationId, entitlement, periodStart });
      this.refuse(plan, entitlement, limit ?? 0, current?.used ?? 0);
    }
    this.metrics.recordBillingUsage(plan, entitlement, amount);
  }

  /** The organization's billing row, created on first need and locked for the caller's transaction. */

  private refuse(plan: PlanName, entitlement: Entitlement, limit: number, used: number): never {
    this.metrics.recordBillingLimitReached(plan, entitlement);
    const message = `The ${plan} plan allows ${limit} ${NOUNS[entitlement]}; ${used} are in use`;
    throw new PaymentRequiredError(message, [{ field: entitlement, message, limit, used, plan }]);
  }
}
