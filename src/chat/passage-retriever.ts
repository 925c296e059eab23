import type { Actor } from '../auth/actor';

/** A piece of a knowledge-base document that may answer a question. */
export interface Passage {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  /** The headings above the passage, outermost first. */
  headingPath: string[];
  /** A short excerpt around the match, for display. */
  snippet: string;
  /** The whole passage, for the prompt. */
  text: string;
  /** Relevance, higher is better; comparable within one retrieval only. */
  score: number;
}

/**
 * Where the assistant finds passages: the knowledge base's tenant-scoped search. It must return
 * passages of `actor.organizationId` only, best first, at most `limit`.
 */
export interface PassageRetriever {
  retrieve(actor: Actor, question: string, limit: number): Promise<Passage[]>;
}

/** Injection token of the PassageRetriever. */
export const PASSAGE_RETRIEVER = Symbol('PASSAGE_RETRIEVER');
