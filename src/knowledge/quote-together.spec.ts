import type { Passage } from './passage-retriever';
import { PASSAGE_BREAK, quoteTogether } from './quote-together';

const passage = (chunkId: string, documentId: string, score: number): Passage => ({
  chunkId,
  documentId,
  documentTitle: `Title of ${documentId}`,
  headingPath: [`Heading of ${chunkId}`],
  snippet: `snippet of ${chunkId}`,
  text: `text of ${chunkId}`,
  score,
});

describe('quoteTogether', () => {
  it("makes one passage of each document, quoting its passages in order under the best one's chunk", () => {
    const quoted = quoteTogether([
      passage('a1', 'a', 9),
      passage('a2', 'a', 7),
      passage('b1', 'b', 8),
      passage('a3', 'a', 2),
    ]);
    expect(quoted.map((p) => p.documentId)).toEqual(['a', 'b']);
    expect(quoted[0]).toMatchObject({
      chunkId: 'a1',
      quotedChunkIds: ['a1', 'a2', 'a3'],
      headingPath: ['Heading of a1'],
      snippet: 'snippet of a1',
      score: 9,
      text: ['text of a1', 'text of a2', 'text of a3'].join(PASSAGE_BREAK),
    });
    expect(quoted[1]).toMatchObject({ chunkId: 'b1', quotedChunkIds: ['b1'], text: 'text of b1' });
  });

  it('leaves the passages it was given as they were', () => {
    const given = [passage('a1', 'a', 2), passage('a2', 'a', 1)];
    quoteTogether(given);
    expect(given[0].text).toBe('text of a1');
    expect(given[0].quotedChunkIds).toBeUndefined();
  });
});
