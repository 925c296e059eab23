import type { EntityManager } from 'typeorm';
import { BillingAccount } from './billing-account.entity';

/**
 * The organization's billing row, created on first need and locked until the caller's tenant
 * transaction ends. Limit checks, checkouts and webhook updates of one organization all take
 * it, so they happen one after another.
 */
export async function lockBillingAccount(manager: EntityManager, organizationId: string): Promise<BillingAccount> {
  await manager.createQueryBuilder().insert().into(BillingAccount).values({ organizationId }).orIgnore().execute();
  return manager.findOneOrFail(BillingAccount, { where: { organizationId }, lock: { mode: 'pessimistic_write' } });
}
