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
  )
  SELECT embedding.chunk_id, embedding.document_id, embedding.vector
  FROM candidate JOIN chunk_embeddings embedding ON embedding.chunk_id = candidate.chunk_id
  WHERE embedding.organization_id = $1`;

/**
 * The organization's chunks nearest to `query` (unit length), best first, at most `limit`, and
 * at most `perDocument` of one document (so the top is not slices of one file).
 */
export async function rankBySimilarity(
  manager: EntityManager,
  organizationId: string,
  model: string,
  query: Float32Array,
  limit: number,
  options: { documentId?: string; perDocument?: number; candidates?: number } = {},
): Promise<SemanticHit[]> {
  const candidates = options.candidates ?? candidatesFor(limit);
  const rows = await manager.query<Array<{ chunk_id: string; document_id: string; vector: Buffer }>>(CANDIDATES_SQL, [
    organizationId,
    model,
    query.length,
    signBits(query),
    candidates,
    options.documentId ?? null,
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
