import type { TenantTransaction } from '../../src/core/database/tenant-transaction';
import { sql } from './database';

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

/**
 * The titles of the best documents for `query`, best first, through the ranking function as the
 * app role: `limit` documents, one passage each, no related words or neighbouring pairs, the
 * answering window at `windowWeight` (the service's 0.5; 0 leaves the first pass's order).
 */
export async function rankedTitles(
  tenants: TenantTransaction,
  organizationId: string,
  query: string,
  { limit = 10, windowWeight = 0.5 }: { limit?: number; windowWeight?: number } = {},
): Promise<string[]> {
  const rows = await tenants.run(organizationId, (m) =>
    m.query<Array<{ document_id: string }>>(
      `SELECT ranked.document_id FROM knowledge_rank_passages(
         $1, array(SELECT lexeme FROM unnest(to_tsvector('english', $2))), NULL, 0.3, $3, NULL, NULL, $4, 1, NULL, 1) AS ranked`,
      [organizationId, query, windowWeight, limit],
    ),
  );
  const titles = await sql<{ id: string; title: string }>(
    'SELECT id, title FROM documents WHERE id = ANY($1::uuid[])',
    [rows.map((row) => row.document_id)],
  );
  return rows.map((row) => titles.find((document) => document.id === row.document_id)?.title ?? '');
}
