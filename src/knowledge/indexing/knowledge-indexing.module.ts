import { Module } from '@nestjs/common';
import { WorkerRuntimeModule } from '../../worker/worker-runtime.module';
import { DocumentEmbedder } from '../embedding/document-embedder';
import { EntitlementsModule } from '../../plans/entitlements.module';
import { EmbeddingProviderModule } from '../embedding/embedding-provider.module';
import { EmbeddingReconciler } from '../embedding/embedding-reconciler';
import { PartitionCentroids } from '../embedding/partition-centroids';
import { PartitionMaintenance } from '../embedding/partition-maintenance';
import { PartitionTrainer } from '../embedding/partition-trainer';
import { DocumentIndexer } from './document-indexer';
import { IndexingQueueModule } from './indexing-queue.module';
import { IndexingReconciler } from './indexing-reconciler';
import { IndexingConsumer } from './indexing-consumer';
import { IndexingJobHandler } from './indexing-job.handler';

/** The worker side of the knowledge base: the indexing queue's consumer, its job handler, the embedder, the reconcilers and the vector partition's upkeep. */
@Module({
  imports: [IndexingQueueModule, WorkerRuntimeModule, EmbeddingProviderModule, EntitlementsModule],
  providers: [
    DocumentIndexer,
    IndexingJobHandler,
    IndexingConsumer,
    IndexingReconciler,
    DocumentEmbedder,
    EmbeddingReconciler,
    PartitionCentroids,
    PartitionTrainer,
    PartitionMaintenance,
  ],
})
export class KnowledgeIndexingModule {}
