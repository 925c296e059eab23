import { Module } from '@nestjs/common';
import { EntitlementsModule } from '../plans/entitlements.module';
import { PASSAGE_RETRIEVER } from './passage-retriever';
import { EmbeddingProviderModule } from './embedding/embedding-provider.module';
import { PartitionCentroids } from './embedding/partition-centroids';
import { HybridSearch } from './hybrid-search';
import { IndexingQueueModule } from './indexing/indexing-queue.module';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeDocumentsService } from './knowledge-documents.service';
import { UploadMemoryBudget } from './upload-memory-budget';
import { KnowledgeSearchService } from './knowledge-search.service';

/** The API side of the knowledge base: upload, manage and search documents. Indexing runs in the worker. */
@Module({
  imports: [IndexingQueueModule, EmbeddingProviderModule, EntitlementsModule],
  controllers: [KnowledgeController],
  providers: [
    KnowledgeDocumentsService,
    KnowledgeSearchService,
    HybridSearch,
    PartitionCentroids,
    UploadMemoryBudget,
    // The assistant finds its passages through the same tenant-scoped search.
    { provide: PASSAGE_RETRIEVER, useExisting: KnowledgeSearchService },
  ],
  exports: [PASSAGE_RETRIEVER],
})
export class KnowledgeModule {}
