import { citedPassages } from './citations';
import type { Passage } from '../knowledge/passage-retriever';

const passages: Passage[] = [1, 2, 3].map((n) => ({
  chunkId: `c${n}`,
  documentId: `d${n}`,
  documentTitle: `T${n}`,
  headingPath: [],
  snippet: '',
  text: '',
  score: 1,
}));

describe('citedPassages', () => {
  it('returns the passages cited by number, once each, in passage order', () => {
    expect(citedPassages('See [3] and [1], again [3][1].', passages)).toEqual([
      { number: 1, chunkId: 'c1', documentId: 'd1', documentTitle: 'T1' },
      { number: 3, chunkId: 'c3', documentId: 'd3', documentTitle: 'T3' },
    ]);
  });

  it('ignores numbers that name no passage, and answers that cite nothing', () => {
    expect(citedPassages('Nothing here [0] [4] [12]', passages)).toEqual([]);
    expect(citedPassages('No citations at all.', passages)).toEqual([]);
  });
});
