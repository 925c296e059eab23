import type { Passage } from './passage-retriever';

/** What separates two passages of a document quoted together: they are not contiguous text. */
export const PASSAGE_BREAK = '\n\n[…]\n\n';

/**
 * Passages grouped by document (as the ranking returns them: a document's best first, then its
 * next best) as one passage per document: the best one's chunk, headings, snippet and score,
 * quoting the text of all of them in that order; `quotedChunkIds` says which chunks it quotes.
 */
export function quoteTogether(passages: Passage[]): Passage[] {
  const byDocument = new Map<string, Passage>();
  for (const passage of passages) {
    const first = byDocument.get(passage.documentId);
    if (!first) {
      byDocument.set(passage.documentId, { ...passage, quotedChunkIds: [passage.chunkId] });
      continue;
    }
    first.text += `${PASSAGE_BREAK}${passage.text}`;
    first.quotedChunkIds?.push(passage.chunkId);
  }
  return [...byDocument.values()];
}
