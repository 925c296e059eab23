import { rankingOrganization, seedDocument } from './support/ranking-fixture';

jest.setTimeout(120_000);

const ANSWER = 'Mend the tube first, then mend the tyre with a patch kit.';

/**
 * A document's passages: the section that answers may be written in synonyms of the question's
 * words while other chunks of the same document name one of its words in passing. Related words
 * weigh less in a document's score; in choosing which of a found document's chunks are re-scored
 * they must count as the question's own, or the answering section is never looked at again.
 */
describe('knowledge ranking: related words choose the passage of a document', () => {
  const { passages } = rankingOrganization('synonyms', async (organizationId) => {
    // "bicycle" once in each of eight chunks, "mend" (related to "fix") twice in the answer.
    await seedDocument(organizationId, 'Workshop handbook', [
      ...['garden', 'hall', 'shed', 'porch', 'yard', 'lane', 'barn', 'attic'].map(
        (place) => `The bicycle leaned in the ${place} all day.`,
      ),
      ANSWER,
    ]);
    await seedDocument(
      organizationId,
      'Filler',
      Array.from({ length: 20 }, () => 'plain observation notes'),
    );
  });

  it('quotes the passage written in the synonyms first', async () => {
    expect((await passages('fix bicycle', { related: 'mend repair' }))[0]).toBe(ANSWER);
  });

  it('quotes a passage naming the question word when no related words are given', async () => {
    expect((await passages('fix bicycle'))[0]).toMatch(/^The bicycle leaned/);
  });
});
