/**
 * Reciprocal rank fusion: each list adds 1 / (k + rank) for every id it holds, so an id near
 * the top of either list rises, one near the top of both rises most, and the lists' own scores
 * (BM25, cosine: not comparable) play no part. k = 60 is the value of the original paper
 * (Cormack, Clarke, Büttcher 2009), which damps the weight of the very first ranks.
 */
export const RRF_K = 60;

export interface Fused {
  id: string;
  score: number;
}

export function fuseRankings(lists: ReadonlyArray<readonly string[]>, k = RRF_K): Fused[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
