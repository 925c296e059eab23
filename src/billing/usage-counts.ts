import { type EntityManager, IsNull, MoreThan } from 'typeorm';
import { ApiKey } from '../api-keys/api-key.entity';
import { KnowledgeDocument } from '../knowledge/model/document.entity';
import { User } from '../users/user.entity';
import type { CountedEntitlement } from './plans';

/**
 * What an organization has now of the entitlements that are counted from their own rows, so a
 * deletion frees its slot without any bookkeeping. Runs in the caller's tenant transaction.
 */
export async function countUsage(
  manager: EntityManager,
  organizationId: string,
  which: readonly CountedEntitlement[],
): Promise<Record<CountedEntitlement, number>> {
  const usage: Record<CountedEntitlement, number> = { seats: 0, documents: 0, storageBytes: 0, apiKeys: 0 };
  if (which.includes('seats')) {
    usage.seats = await manager.countBy(User, { organizationId, status: 'active' });
  }
  if (which.includes('documents') || which.includes('storageBytes')) {
    const row = await manager
      .createQueryBuilder(KnowledgeDocument, 'document')
      .select('count(*)', 'documents')
      .addSelect('coalesce(sum(document.sizeBytes), 0)', 'bytes')
      .where('document.organizationId = :organizationId', { organizationId })
      .getRawOne<{ documents: string; bytes: string }>();
    usage.documents = Number(row?.documents ?? 0);
    usage.storageBytes = Number(row?.bytes ?? 0);
  }
  if (which.includes('apiKeys')) {
    usage.apiKeys = await manager.count(ApiKey, {
      where: [
        { organizationId, revokedAt: IsNull(), expiresAt: IsNull() },
        { organizationId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      ],
    });
  }
  return usage;
}
