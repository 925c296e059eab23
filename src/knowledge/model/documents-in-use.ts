import type { UsageCount } from '../../plans/entitlements';
import { KnowledgeDocument } from './document.entity';

/** The organization's documents, and the bytes of their originals. */
export const documentsInUse: UsageCount<'documents' | 'storageBytes'> = async (manager, organizationId) => {
  const row = await manager
    .createQueryBuilder(KnowledgeDocument, 'document')
    .select('count(*)', 'documents')
    .addSelect('coalesce(sum(document.sizeBytes), 0)', 'bytes')
    .where('document.organizationId = :organizationId', { organizationId })
    .getRawOne<{ documents: string; bytes: string }>();
  return { documents: Number(row?.documents ?? 0), storageBytes: Number(row?.bytes ?? 0) };
};
