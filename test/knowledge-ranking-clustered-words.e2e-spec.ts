import { rankingOrganization, seedDocument } from './support/ranking-fixture';

jest.setTimeout(120_000);

/**
 * A word about a subject comes back in several passages of the documents about it; a word that
 * turns up once in each of many documents (a question's conversational words) tells less about
 * where the answer is, whatever its IDF: the ranking function weighs each term by how it clusters.
 */
describe('knowledge ranking of words that cluster in a document and words spread over many', () => {
  const { rank } = rankingOrganization('clustered', async (organizationId) => {
    // "quasar" in four chunks of one document; "nebula", rarer (higher IDF), in one chunk of each of
    // three. No title holds a query's word: a title's words weigh too.
    await seedDocument(
      organizationId,
      'Sky atlas',
      Array.from({ length: 4 }, () => 'quasar observation notes'),
    );
    for (const n of [1, 2, 3]) await seedDocument(organizationId, `Night log ${n}`, ['nebula observation notes']);
    // "pulsar", rarer still, in one chunk only: nothing says how it spreads.
    await seedDocument(organizationId, 'Loose note', ['pulsar observation notes']);
    for (const n of [1, 2, 3, 4]) {
      await seedDocument(
        organizationId,
        `Filler ${n}`,
        Array.from({ length: 10 }, () => 'plain observation notes'),
      );
    }
  });

  it('ranks the document where a word clusters above those holding a rarer word once each', async () => {
    const found = await rank('quasar nebula');
    expect(found[0]).toBe('Sky atlas');
    expect(found.slice(1, 4).sort()).toEqual(['Night log 1', 'Night log 2', 'Night log 3']);
  });

  it('keeps the full weight of a word found in one chunk only', async () => {
    expect((await rank('quasar pulsar'))[0]).toBe('Loose note');
  });
});
