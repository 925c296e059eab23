import { Module } from '@nestjs/common';
import { WorkerRuntimeModule } from '../../worker/worker-runtime.module';
import { DocumentIndexer } from './document-indexer';
import { IndexingQueueModule } from './indexing-queue.module';
import { IndexingReconciler } from './indexing-reconciler';
import { IndexingWorker } from './indexing-worker';
import { KnowledgeIndexingProcessor } from './knowledge-indexing.processor';

/** The worker side of the knowledge base: the indexing processor and the reconciler. */
@Module({
  imports: [IndexingQueueModule, WorkerRuntimeModule],
  providers: [DocumentIndexer, KnowledgeIndexingProcessor, IndexingWorker, IndexingReconciler],
})
export class KnowledgeIndexingModule {}
