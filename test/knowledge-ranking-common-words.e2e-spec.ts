import { DataSource } from 'typeorm';
import { newId } from '../src/core/database/columns';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { sql } from './support/database';
import { testConfig } from './support/test-config';

jest.setTimeout(120_000);

/**
 * Adds `count` chunks of `text` to the organization, 100 to a document, inside the ranking's sample
 * (ids whose last byte is below 16, as the sample index's predicate) or outside it.
 */
const seed = (organizationId: string, count: number, text: string, inSample: boolean) =>
  sql(
    `WITH documents AS (
       INSERT INTO documents (id, organization_id, title, format, size_bytes, sha256, status, created_by)
       SELECT gen_random_uuid(), $1, 'Part ' || d, 'text', 0, md5(random()::text) || md5(random()::text), 'ready', $1
       FROM generate_series(1, ceil($2::int / 100.0)::int) AS d
       RETURNING id
     ), numbered AS (SELECT id, row_number() OVER () AS n FROM documents)
     INSERT INTO document_chunks (id, organization_id, document_id, version, position, heading_path, text, start_offset, end_offset, search_vector)
     SELECT encode(set_byte(uuid_send(gen_random_uuid()), 15, CASE WHEN $4 THEN g % 16 ELSE 16 + g % 240 END), 'hex')::uuid,
            $1, numbered.id, 1, g, '{}', $3, 0, length($3), knowledge_search_vector('', $3)
     FROM generate_series(1, $2::int) AS g
     JOIN numbered ON numbered.n = 1 + (g - 1) / 100`,
    [organizationId, count, text, inSample],
  );

/**
 * A query of common words only in a large organization (its rarest word in 16,000 chunks or
 * more) ranks the chunks holding all of its words that the sample index holds, and the whole
 * organization's when the sample holds too few: through the ranking function, as the app role.
 */
describe('knowledge ranking of common words only, in a large organization', () => {
  const organizationId = newId();
  let dataSource: DataSource;
  let tenants: TenantTransaction;

  /** The best chunk of each of the 10 best documents, with its text and whether it is in the sample. */
  const rank = async (query: string, organization = organizationId) => {
    const rows = await tenants.run(organization, (m) =>
      m.query<Array<{ chunk_id: string }>>(
        `SELECT ranked.chunk_id FROM knowledge_rank_passages(
           $1, array(SELECT lexeme FROM unnest(to_tsvector('english', $2))), NULL, 0.3, 0.5, NULL, NULL, 10, 1, NULL, 1) AS ranked`,
        [organization, query],
      ),
    );
    return sql<{ text: string; in_sample: boolean; organization_id: string }>(
      `SELECT text, get_byte(uuid_send(id), 15) < 16 AS in_sample, organization_id
         FROM document_chunks WHERE id = ANY($1::uuid[])`,
      [rows.map((row) => row.chunk_id)],
    );
  };

  beforeAll(async () => {
    await sql(`INSERT INTO organizations (id, name, slug) VALUES ($1, 'large', $2)`, [
      organizationId,
      `large-${organizationId}`,
    ]);
    // In this order in the table: the first chunks holding both words of each query lie outside the sample.
    await seed(organizationId, 1_000, 'alpha epsilon zeta', false);
    await seed(organizationId, 17_000, 'alpha beta gamma', false);
    await seed(organizationId, 1_000, 'alpha beta delta', true);
    dataSource = await new DataSource(dataSourceOptions(testConfig(), 'ranking-common-words-spec')).initialize();
    tenants = new TenantTransaction(dataSource);
  });
  const neighbour = newId();
  afterAll(async () => {
    await dataSource?.destroy();
    await sql('DELETE FROM organizations WHERE id = ANY($1::uuid[])', [[organizationId, neighbour]]);
  });

  it('ranks the chunks holding all of the words that the sample holds', async () => {
    const hits = await rank('alpha beta');
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => hit.in_sample && hit.text === 'alpha beta delta')).toBe(true);
  });

  it('searches the whole organization for chunks holding all of the words when the sample holds too few', async () => {
    const hits = await rank('alpha gamma');
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => !hit.in_sample && hit.text === 'alpha beta gamma')).toBe(true);
  });

  it('an organization holding most of the table, searched by the terms alone, finds only its own chunks', async () => {
    await seed(organizationId, 300, 'alpha kappa', true);
    await sql(`INSERT INTO organizations (id, name, slug) VALUES ($1, 'neighbour', $2)`, [neighbour, `n-${neighbour}`]);
    await seed(neighbour, 200, 'kappa omega', true);
    await sql('ANALYZE document_chunks');
    // The ranking leaves out the organization's index key once it holds more than half of the table (reltuples).
    const [table] = await sql<{ rows: number }>(
      `SELECT reltuples AS rows FROM pg_class WHERE oid = 'document_chunks'::regclass`,
    );
    expect(table.rows).toBeLessThan(2 * 19_000);

    // "kappa" is rare in both: the index finds both organizations' 500 chunks, the ranking keeps its own.
    const large = await rank('kappa omega');
    expect(large).toHaveLength(3);
    expect(large.every((hit) => hit.organization_id === organizationId && hit.text === 'alpha kappa')).toBe(true);
    // Its 200 chunks are in two documents: one result each.
    const small = await rank('kappa', neighbour);
    expect(small).toHaveLength(2);
    expect(small.every((hit) => hit.organization_id === neighbour)).toBe(true);
  });
});
