import { DataSource } from 'typeorm';
import { newId } from '../src/core/database/columns';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { sql } from './support/database';
import { rankedTitles, seedDocument } from './support/ranking-fixture';
import { testConfig } from './support/test-config';

jest.setTimeout(120_000);

/**
 * A word about a subject comes back in several passages of the documents about it; a word that
 * turns up once in each of many documents (a question's conversational words) tells less about
 * where the answer is, whatever its IDF: the ranking function weighs each term by how it clusters.
 */
describe('knowledge ranking of words that cluster in a document and words spread over many', () => {
  const organizationId = newId();
  let dataSource: DataSource;
  let tenants: TenantTransaction;

  const rank = (query: string): Promise<string[]> => rankedTitles(tenants, organizationId, query);

  beforeAll(async () => {
    await sql(`INSERT INTO organizations (id, name, slug) VALUES ($1, 'clustered', $2)`, [
      organizationId,
      `clustered-${organizationId}`,
    ]);
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
    dataSource = await new DataSource(dataSourceOptions(testConfig(), 'ranking-clustered-words-spec')).initialize();
    tenants = new TenantTransaction(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await sql('DELETE FROM organizations WHERE id = $1', [organizationId]);
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
