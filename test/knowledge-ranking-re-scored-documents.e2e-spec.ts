import { rankingOrganization, seedDocument } from './support/ranking-fixture';

jest.setTimeout(120_000);

const SCATTERED = 10;

/**
 * The first pass ranks documents by their chunks' words; re-scoring then rewards the chunk whose
 * one sentence holds the question's words together. It must look far enough down the first
 * pass for a question of five sources (the assistant's) to find what a search of ten finds.
 */
describe('knowledge ranking: documents re-scored beyond those asked for', () => {
  const { rank } = rankingOrganization('rescored', async (organizationId) => {
    // Both words in each of ten short chunks, sentences apart; together in one sentence of a longer
    // chunk, which the first pass (shorter chunks score higher) puts below the ten.
    for (let n = 1; n <= SCATTERED; n++) {
      await seedDocument(organizationId, `Scattered ${n}`, [
        'Quasar sightings were logged. The dome stayed shut. The crew slept early. Nebula charts came later.',
      ]);
    }
    await seedDocument(organizationId, 'Answer', [
      'A quasar behind a nebula dims its light. The dome stayed shut all week while the crew slept early ' +
        'and the charts came later than planned, after the long winter had passed.',
    ]);
    for (let n = 1; n <= 20; n++) {
      await seedDocument(
        organizationId,
        `Filler ${n}`,
        Array.from({ length: 10 }, () => 'plain observation notes'),
      );
    }
  });

  it('ranks the answer below every scattered document before re-scoring', async () => {
    const firstPass = await rank('quasar nebula', { limit: 20, windowWeight: 0 });
    expect(firstPass.indexOf('Answer')).toBe(SCATTERED);
  });

  it('puts the answer first among five sources once re-scored, as among ten results', async () => {
    expect((await rank('quasar nebula', { limit: 10 }))[0]).toBe('Answer');
    expect((await rank('quasar nebula', { limit: 5 }))[0]).toBe('Answer');
  });
});
