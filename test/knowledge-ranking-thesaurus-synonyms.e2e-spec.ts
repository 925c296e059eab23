import { RelatedWords } from '../src/knowledge/related-words';
import { rankingOrganization, seedDocument } from './support/ranking-fixture';

jest.setTimeout(120_000);

/** Ten words or so, like the other chunks, so length weighs alike in every chunk. */
const filler = (n: number) => `Plain observation notes of the morning, number ${n}, kept for the quarterly review.`;

/**
 * A customer's words against the documentation's: "computer froze" is answered by a passage on
 * a machine that hangs, which shares no word with the question, only the domain thesaurus's
 * synonyms of two of its words. Another document holds one of the question's own words in
 * passing. Related words weigh below the user's own (RELATED_WEIGHT); at 0.3, WordNet's weight,
 * two precise synonyms lost to one word in passing.
 */
describe("knowledge ranking: the domain thesaurus's synonyms of a customer's words", () => {
  let related: RelatedWords;
  const { rank } = rankingOrganization('thesaurus', async (organizationId) => {
    await seedDocument(organizationId, 'Recovery notes', [
      'When the machine hangs, hold Alt and SysRq and type REISUB slowly.',
    ]);
    await seedDocument(organizationId, 'Desk notes', [
      'The computer desk stands by the north window of the office.',
      'Every computer desk there needs a cable tray and a lamp.',
    ]);
    await seedDocument(
      organizationId,
      'Filler',
      Array.from({ length: 20 }, (_, n) => filler(n)),
    );
  });
  beforeAll(async () => {
    related = await RelatedWords.load();
  });

  it('ranks the passage in two of its synonyms above one holding a single word of the question', async () => {
    const question = 'computer froze';
    expect(related.expand(question).split(' ')).toEqual(expect.arrayContaining(['machine', 'hang']));
    expect((await rank(question, { related: related.expand(question) }))[0]).toBe('Recovery notes');
  });
});
