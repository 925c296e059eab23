import type { Citation } from './message.entity';
import type { Passage } from '../knowledge/passage-retriever';

const MARKER = /\[(\d{1,3})\]/g;

/** The passages an answer cites as `[n]`, in passage order; markers beyond the passages are ignored. */
export function citedPassages(answer: string, passages: Passage[]): Citation[] {
  const cited = new Set([...answer.matchAll(MARKER)].map((match) => Number(match[1])));
  return passages
    .map((passage, index) => ({ passage, number: index + 1 }))
    .filter(({ number }) => cited.has(number))
    .map(({ passage, number }) => ({
      number,
      chunkId: passage.chunkId,
      documentId: passage.documentId,
      documentTitle: passage.documentTitle,
    }));
}
