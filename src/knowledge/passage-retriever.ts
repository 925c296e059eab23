import type { Actor } from '../access/actor';

/*
 * The passage contract: what the knowledge base hands its readers (the search box, the assistant)
 * and the port the assistant reads it through. It lives with the knowledge base because every bound
 * of a passage is the knowledge base's (the title column, model/document-title.ts; the chunk size,
 * knowledge-bounds.ts), and the assistant sits above it: chat imports this contract, knowledge
 * imports nothing of chat.
 */

/** The contract of every snippet (`Passage.snippet`), as the OpenAPI document states it. */
export const SNIPPET_DESCRIPTION =
  'HTML, safe to insert as is: the sentence or two of the passage that best match, with all of its text ' +
  'HTML-escaped (& < > " \' as entities) and the matched words wrapped in <mark></mark>. <mark> is the only tag ' +
  'it ever contains; a <mark> written in the document arrives escaped, so highlights cannot be forged.';

/** Chunks one passage may quote at most (`quotedChunkIds`), a bound the sources' schema states. */
export const MAX_QUOTED_CHUNKS = 5;

/** A piece of a knowledge-base document that may answer a question. */
export interface Passage {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  /** The headings above the passage, outermost first. */
  headingPath: string[];
  /** The best-matching sentence or two, as safe HTML (see SNIPPET_DESCRIPTION). */
  snippet: string;
  /** The whole passage, for the prompt. */
  text: string;
  /**
   * When the passage quotes several chunks of its document (the assistant's sources do), their
   * ids in the order `text` quotes them, `chunkId` first.
   */
  quotedChunkIds?: string[];
  /** Relevance, higher is better; comparable within one retrieval only. */
  score: number;
}

/**
 * Where the assistant finds passages: the knowledge base's tenant-scoped search. It must return
 * passages of `actor.organizationId` only, best first, at most `limit`. `rephrasings` are other
 * wordings of the question (from the model), searched too and fused with it.
 */
export interface PassageRetriever {
  retrieve(actor: Actor, question: string, limit: number, rephrasings?: string[]): Promise<Passage[]>;
}

/** Injection token of the PassageRetriever. */
export const PASSAGE_RETRIEVER = Symbol('PASSAGE_RETRIEVER');
