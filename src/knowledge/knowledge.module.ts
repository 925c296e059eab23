import { Module } from '@nestjs/common';
import { IndexingQueueModule } from './indexing/indexing-queue.module';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeDocumentsService } from './knowledge-documents.service';
import { KnowledgeSearchService } from './knowledge-search.service';

/** The API side of the knowledge base: upload, manage and search documents. Indexing runs in the worker. */
@Module({
  imports: [IndexingQueueModule],
  controllers: [KnowledgeController],
  providers: [KnowledgeDocumentsService, KnowledgeSearchService],
})
export class KnowledgeModule {}
