import type { EntityManager } from 'typeorm';
import { atMostPerDocument } from './at-most-per-document';
import { dot, signBits, vectorFromBytes } from './vector-codec';

/** A chunk and its cosine similarity to the query. */
export interface SemanticHit {
  chunkId: string;
  score: number;
}

/**
 * Candidates the binary scan hands to exact re-scoring, per result asked for (and at least
 * MIN_CANDIDATES): the recall of the two-step search against an exact scan, measured in bench/.
 */
const CANDIDATES_PER_RESULT = 10;
const MIN_CANDIDATES = 200;

/** How many candidates the binary scan hands to re-scoring for `limit` results. */
export const candidatesFor = (limit: number): number => Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT);

/** Step two: the candidates' full vectors, for re-scoring in the process. */
const RESCORE_SQL = `
  SELECT embedding.chunk_id, embedding.document_id, embedding.vector
  FROM candidate JOIN chunk_embeddings embedding ON embedding.chunk_id = candidate.chunk_id
  WHERE embedding.organization_id = $1`;

/**
 * Step one ranks the organization's vectors of this model by Hamming distance between sign
 * bits (bit_count of an XOR, read from a covering index); step two re-scores those candidates
 * with their full vectors in the process. Parameters: $1 organization, $2 model, $3 dimensions,
 * $4 the query's bits, $5 candidates, $6 one document or null.
 */
const CANDIDATES_SQL = `
  WITH candidate AS (
    SELECT chunk_id FROM chunk_embeddings
    WHERE organization_id = $1 AND model = $2 AND dimensions = $3
      AND ($6::uuid IS NULL OR document_id = $6::uuid)
    ORDER BY bit_count(bits # $4::varbit), chunk_id
    LIMIT $5
  )${RESCORE_SQL}`;

/**
 * The same over a partitioned organization: step one reads only the index entries of the lists
 * probed ($6) and of the vectors not assigned to a list yet (each its own index range).
 */
const PROBED_CANDIDATES_SQL = `
  WITH candidate AS (
    (SELECT chunk_id, bit_count(bits # $4::varbit) AS distance FROM chunk_embeddings
     WHERE organization_id = $1 AND model = $2 AND dimensions = $3 AND list = ANY($6::int[]))
    UNION ALL
    (SELECT chunk_id, bit_count(bits # $4::varbit) FROM chunk_embeddings
     WHERE organization_id = $1 AND model = $2 AND dimensions = $3 AND list IS NULL)
    ORDER BY distance, chunk_id
    LIMIT $5
  )${RESCORE_SQL}`;

/**
 * The organization's chunks nearest to `query` (unit length), best first, at most `limit`, and
 * at most `perDocument` of one document (so the top is not slices of one file). With `lists`,
 * only the vectors of those lists of the partition and those without a list are candidates;
 * with `documentId`, only that document's (every vector of it: a document's are few).
 */
export async function rankBySimilarity(
  manager: EntityManager,
  organizationId: string,
  model: string,
  query: Float32Array,
  limit: number,
  options: { documentId?: string; perDocument?: number; candidates?: number; lists?: number[] } = {},
): Promise<SemanticHit[]> {
  const candidates = options.candidates ?? candidatesFor(limit);
  const [sql, narrowing] = options.lists
    ? [PROBED_CANDIDATES_SQL, options.lists]
    : [CANDIDATES_SQL, options.documentId ?? null];
  // The planner cannot see that the organization's vectors without a list are few (it assumes
  // the other tenants' share of nulls): without this it may scan the table for them.
  if (options.lists) await manager.query(`SET LOCAL enable_seqscan = off`);
  const rows = await manager.query<Array<{ chunk_id: string; document_id: string; vector: Buffer }>>(sql, [
    organizationId,
    model,
    query.length,
    signBits(query),
    candidates,
    narrowing,
  ]);
  const scored = rows
    .map((row) => ({
      chunkId: row.chunk_id,
      documentId: row.document_id,
      score: dot(query, vectorFromBytes(row.vector)),
    }))
    .sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
  return atMostPerDocument(scored, options.perDocument ?? Infinity)
    .slice(0, limit)
    .map(({ chunkId, score }) => ({ chunkId, score }));
}
