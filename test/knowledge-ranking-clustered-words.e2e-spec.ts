import { DataSource } from 'typeorm';
import { newId } from '../src/core/database/columns';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { sql } from './support/database';
import { testConfig } from './support/test-config';

jest.setTimeout(120_000);

/** A document of the organization with one chunk for each of `chunks`. */
const seedDocument = (organizationId: string, title: string, chunks: string[]) =>
  sql(
    `WITH document AS (
       INSERT INTO documents (id, organization_id, title, format, size_bytes, sha256, status, created_by)
       VALUES (gen_random_uuid(), $1, $2, 'text', 0, md5(random()::text) || md5(random()::text), 'ready', $1)
       RETURNING id
     )
     INSERT INTO document_chunks (id, organization_id, document_id, version, position, heading_path, text, start_offset, end_offset, search_vector)
     SELECT gen_random_uuid(), $1, document.id, 1, chunk.n, '{}', chunk.text, 0, length(chunk.text), knowledge_search_vector('', chunk.text)
       FROM document, unnest($3::text[]) WITH ORDINALITY AS chunk(text, n)`,
    [organizationId, title, chunks],
  );

/**
 * A word about a subject comes back in several passages of the documents about it; a word that
 * turns up once in each of many documents (a question's conversational words) tells less about
 * where the answer is, whatever its IDF: the ranking function weighs each term by how it clusters.
 */
describe('knowledge ranking of words that cluster in a document and words spread over many', () => {
  const organizationId = newId();
  let dataSource: DataSource;
  let tenants: TenantTransaction;

  /** The titles of the best documents, best first, through the ranking function as the app role. */
  const rank = async (query: string): Promise<string[]> => {
    const rows = await tenants.run(organizationId, (m) =>
      m.query<Array<{ document_id: string }>>(
        `SELECT ranked.document_id FROM knowledge_rank_passages(
           $1, array(SELECT lexeme FROM unnest(to_tsvector('english', $2))), NULL, 0.3, 0.5, NULL, NULL, 10, 1, NULL, 1) AS ranked`,
        [organizationId, query],
      ),
    );
    const titles = await sql<{ id: string; title: string }>(
      'SELECT id, title FROM documents WHERE id = ANY($1::uuid[])',
      [rows.map((row) => row.document_id)],
    );
    return rows.map((row) => titles.find((document) => document.id === row.document_id)?.title ?? '');
  };

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
