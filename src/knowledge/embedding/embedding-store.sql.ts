import { textHashSql } from './embedding-input';

/**
 * SQL of the embeddings table, shared by the worker (writes) and the API (search).
 * `$model`/`$dimensions` always appear together: vectors of one model and length are compared.
 */

/** A document's chunks without a vector of this model and length ($3, $4), in order, at most $5. */
export const MISSING_CHUNKS_SQL = `
  SELECT chunk.id, chunk.heading_path, chunk.text
  FROM document_chunks chunk
  WHERE chunk.organization_id = $1 AND chunk.document_id = $2
    AND NOT EXISTS (SELECT 1 FROM chunk_embeddings embedding
                    WHERE embedding.chunk_id = chunk.id AND embedding.model = $3
                      AND ($4::int IS NULL OR embedding.dimensions = $4))
  ORDER BY chunk.position
  LIMIT $5`;

/**
 * Writes vectors ($3: [{chunk_id, text_hash, bits, vector(base64), list}]) for chunks that still
 * exist (a document deleted or re-indexed meanwhile gets nothing), replacing another model's.
 * Runs after LOCK_SHARED_SQL, `list` from the partition's centroids read under that lock (or null).
 */
export const WRITE_EMBEDDINGS_SQL = `
  INSERT INTO chunk_embeddings (chunk_id, organization_id, document_id, model, dimensions, text_hash, bits, vector, list)
  SELECT chunk.id, chunk.organization_id, chunk.document_id, $2, row.dimensions, row.text_hash,
         row.bits::varbit, decode(row.vector, 'base64'), row.list
  FROM jsonb_to_recordset($3::jsonb) AS row(chunk_id uuid, dimensions int, text_hash text, bits text, vector text, list int)
  JOIN document_chunks chunk ON chunk.id = row.chunk_id AND chunk.organization_id = $1
  ON CONFLICT (chunk_id) DO UPDATE
    SET model = excluded.model, dimensions = excluded.dimensions, text_hash = excluded.text_hash,
        bits = excluded.bits, vector = excluded.vector, list = excluded.list, created_at = now()`;

/**
 * After a re-index wrote version $3 of document $2 beside the old chunks: each new chunk whose
 * text is unchanged takes the vector of an old one (same hash), and its list, so only changed
 * text is embedded. Runs after LOCK_SHARED_SQL (the list must be of the current centroids).
 */
export const CARRY_OVER_SQL = `
  INSERT INTO chunk_embeddings (chunk_id, organization_id, document_id, model, dimensions, text_hash, bits, vector, list)
  SELECT DISTINCT ON (fresh.id) fresh.id, old.organization_id, old.document_id, old.model, old.dimensions,
         old.text_hash, old.bits, old.vector, old.list
  FROM document_chunks fresh
  JOIN chunk_embeddings old
    ON old.organization_id = $1 AND old.document_id = $2 AND old.text_hash = ${textHashSql('fresh')}
  WHERE fresh.organization_id = $1 AND fresh.document_id = $2 AND fresh.version = $3
  ON CONFLICT (chunk_id) DO NOTHING`;

/** Chunks of document $2 with a vector of this model and length ($3, $4). */
export const EMBEDDED_COUNT_SQL = `
  SELECT count(*)::int AS count FROM chunk_embeddings
  WHERE organization_id = $1 AND document_id = $2 AND model = $3 AND ($4::int IS NULL OR dimensions = $4)`;

/** Adds $3 tokens of model $2 to the organization's counter for this month (UTC). */
export const COUNT_TOKENS_SQL = `
  INSERT INTO embedding_usage (organization_id, period, model, tokens)
  VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, $2, $3)
  ON CONFLICT (organization_id, period, model) DO UPDATE
    SET tokens = embedding_usage.tokens + excluded.tokens, updated_at = now()`;
