import { Module } from '@nestjs/common';
import { IndexingQueue } from './indexing-queue';

/**
 * The indexing queue as producers use it. The queue itself comes from core/queue, whose
 * producers fail at once while Redis is away, so an upload answers 503 instead of waiting.
 */
@Module({
  providers: [IndexingQueue],
  exports: [IndexingQueue],
})
export class IndexingQueueModule {}
