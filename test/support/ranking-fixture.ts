import { DataSource } from 'typeorm';
import { newId } from '../../src/core/database/columns';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { TenantTransaction } from '../../src/core/database/tenant-transaction';
import { RELATED_WEIGHT } from '../../src/knowledge/knowledge-search.service';
import { sql } from './database';
import { testConfig } from './test-config';

/** A ready document of the organization with one chunk for each of `chunks` (no heading). */
export const seedDocument = (organizationId: string, title: string, chunks: string[]) =>
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

export interface RankOptions {
  /** Documents asked for, one passage each (10). */
  limit?: number;
  /** The answering window's weight: the service's 0.5; 0 leaves the first pass's order. */
  windowWeight?: number;
  /** Words related to the query's (the service's synonyms), at the service's weight (RELATED_WEIGHT); none by default. */
  related?: string;
}

/**
 * For a ranking suite (call it inside `describe`): an organization of its own, seeded by `seed`
 * before the suite and deleted after it, and `rank`, the titles of its best documents for a query,
 * best first, through the ranking function as the app role, with no pairs; `passages`, the text of
 * each of those documents' best passage.
 */
export function rankingOrganization(
  name: string,
  seed: (organizationId: string) => Promise<void>,
): {
  rank: (query: string, options?: RankOptions) => Promise<string[]>;
  passages: (query: string, options?: RankOptions) => Promise<string[]>;
} {
  const organizationId = newId();
  let dataSource: DataSource | undefined;
  let tenants: TenantTransaction;

  beforeAll(async () => {
    await sql('INSERT INTO organizations (id, name, slug) VALUES ($1, $2, $3)', [
      organizationId,
      name,
      `${name}-${organizationId}`,
    ]);
    await seed(organizationId);
    dataSource = await new DataSource(dataSourceOptions(testConfig(), `ranking-${name}-spec`)).initialize();
    tenants = new TenantTransaction(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await sql('DELETE FROM organizations WHERE id = $1', [organizationId]);
  });

  const ranked = (query: string, { limit = 10, windowWeight = 0.5, related = '' }: RankOptions = {}) =>
    tenants.run(organizationId, (m) =>
      m.query<Array<{ chunk_id: string; document_id: string }>>(
        `SELECT ranked.chunk_id, ranked.document_id FROM knowledge_rank_passages(
           $1, array(SELECT lexeme FROM unnest(to_tsvector('english', $2))),
           array(SELECT lexeme FROM unnest(to_tsvector('english', $5))), $6, $3, NULL, NULL, $4, 1, NULL, 1) AS ranked`,
        [organizationId, query, windowWeight, limit, related, RELATED_WEIGHT],
      ),
    );

  /** The title or text of each of these documents or chunks, in the order of `ids`. */
  const read = async (table: 'documents' | 'document_chunks', column: 'title' | 'text', ids: string[]) => {
    const rows = await sql<{ id: string; value: string }>(
      `SELECT id, ${column} AS value FROM ${table} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return ids.map((id) => rows.find((row) => row.id === id)?.value ?? '');
  };
  const rank = async (query: string, options?: RankOptions): Promise<string[]> =>
    read(
      'documents',
      'title',
      (await ranked(query, options)).map((row) => row.document_id),
    );
  const passages = async (query: string, options?: RankOptions): Promise<string[]> =>
    read(
      'document_chunks',
      'text',
      (await ranked(query, options)).map((row) => row.chunk_id),
    );
  return { rank, passages };
}
