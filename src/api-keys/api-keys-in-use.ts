import { IsNull, MoreThan } from 'typeorm';
import type { UsageCount } from '../plans/entitlements';
import { ApiKey } from './api-key.entity';

/** Keys that still work: neither revoked nor expired. */
export const apiKeysInUse: UsageCount<'apiKeys'> = async (manager, organizationId) => ({
  apiKeys: await manager.count(ApiKey, {
    where: [
      { organizationId, revokedAt: IsNull(), expiresAt: IsNull() },
      { organizationId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
    ],
  }),
});
