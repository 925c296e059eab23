import { Module } from '@nestjs/common';
import { PASSAGE_RETRIEVER, type Passage, type PassageRetriever } from './passage-retriever';

/** Honest stand-in while no knowledge base is wired in: nothing is found, and answers say so. */
class NoKnowledgeBase implements PassageRetriever {
  retrieve(): Promise<Passage[]> {
    return Promise.resolve([]);
  }
}

/**
 * Binds PASSAGE_RETRIEVER for the assistant. The knowledge module replaces this binding with its
 * tenant-scoped full-text search; tests pass a module of their own to ChatModule.forRoot.
 */
@Module({ providers: [{ provide: PASSAGE_RETRIEVER, useClass: NoKnowledgeBase }], exports: [PASSAGE_RETRIEVER] })
export class PassageRetrievalModule {}
