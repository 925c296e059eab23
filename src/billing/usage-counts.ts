import type { EntityManager } from 'typeorm';
import { apiKeysInUse } from '../api-keys/api-keys-in-use';
import { documentsInUse } from '../knowledge/model/documents-in-use';
import type { CountedEntitlement } from '../plans/plans';
import { seatsInUse } from '../users/seats-in-use';

/** Everything an organization holds of the entitlements counted from rows, for the billing overview. */
export async function countUsage(
  manager: EntityManager,
  organizationId: string,
): Promise<Record<CountedEntitlement, number>> {
  return {
    ...(await seatsInUse(manager, organizationId)),
    ...(await documentsInUse(manager, organizationId)),
    ...(await apiKeysInUse(manager, organizationId)),
  };
}
