import { Module } from '@nestjs/common';
import { WorkerRuntimeModule } from '../../worker/worker-runtime.module';
import { DocumentIndexer } from './document-indexer';
import { IndexingQueueModule } from './indexing-queue.module';
import { IndexingReconciler } from './indexing-reconciler';
import { IndexingConsumer } from './indexing-consumer';
import { IndexingJobHandler } from './indexing-job.handler';

/** The worker side of the knowledge base: the indexing queue's consumer, its job handler and the reconciler. */
@Module({
  imports: [IndexingQueueModule, WorkerRuntimeModule],
  providers: [DocumentIndexer, IndexingJobHandler, IndexingConsumer, IndexingReconciler],
})
export class KnowledgeIndexingModule {}
