/**
 * SQL of the coarse partition (embedding_partitions, embedding_centroids and chunk_embeddings.list).
 * Parameters start with $1 organization, $2 model, $3 dimensions.
 *
 * Whatever writes a `list` runs under the organization's partition lock, as the first statement
 * that touches chunk_embeddings in its transaction (a lock taken inside a statement would come
 * after that statement's snapshot): writers of vectors take it shared, a training's swap
 * exclusive. So a vector assigned with centroids that a swap then replaced is committed before
 * the swap's statements look, and the swap clears it for assignment again.
 */
const LOCK_KEY = `hashtextextended('embedding_partition:' || $1::text, 0)`;
export const LOCK_SHARED_SQL = `SELECT pg_advisory_xact_lock_shared(${LOCK_KEY})`;
export const LOCK_EXCLUSIVE_SQL = `SELECT pg_advisory_xact_lock(${LOCK_KEY})`;

export const PARTITION_SQL = `
  SELECT lists, trained_on, generation FROM embedding_partitions
  WHERE organization_id = $1 AND model = $2 AND dimensions = $3`;

export const CENTROIDS_SQL = `
  SELECT list, vector FROM embedding_centroids
  WHERE organization_id = $1 AND model = $2 AND dimensions = $3
  ORDER BY list`;

/** The organization's vectors of model $2 by length (of length $3 only when it is set). */
export const VECTOR_COUNTS_SQL = `
  SELECT dimensions, count(*)::int AS count FROM chunk_embeddings
  WHERE organization_id = $1 AND model = $2 AND ($3::int IS NULL OR dimensions = $3)
  GROUP BY dimensions`;

/** Partitions of another model or length than the configured ones: nothing queries them any more. */
export const DROP_OTHER_PARTITIONS_SQL = `
  WITH other AS (
    DELETE FROM embedding_partitions
    WHERE organization_id = $1 AND NOT (model = $2 AND ($3::int IS NULL OR dimensions = $3))
    RETURNING model, dimensions)
  DELETE FROM embedding_centroids centroid USING other
  WHERE centroid.organization_id = $1 AND centroid.model = other.model AND centroid.dimensions = other.dimensions`;

/** $4 vectors drawn at random: the training sample (the ids from the index, then only those vectors read). */
export const SAMPLE_SQL = `
  SELECT vector FROM chunk_embeddings
  WHERE organization_id = $1 AND chunk_id IN (
    SELECT chunk_id FROM chunk_embeddings
    WHERE organization_id = $1 AND model = $2 AND dimensions = $3
    ORDER BY random() LIMIT $4)`;

/** The next $5 vectors after chunk $4 (from the start when null), in chunk order: a training's assignment pass. */
export const VECTOR_PAGE_SQL = `
  SELECT chunk_id, vector FROM chunk_embeddings
  WHERE organization_id = $1 AND model = $2 AND dimensions = $3 AND ($4::uuid IS NULL OR chunk_id > $4::uuid)
  ORDER BY chunk_id LIMIT $5`;

/** At most $4 vectors without a list (written during a training, or before the first). */
export const UNASSIGNED_SQL = `
  SELECT chunk_id, vector FROM chunk_embeddings
  WHERE organization_id = $1 AND model = $2 AND dimensions = $3 AND list IS NULL
  LIMIT $4`;

/** Sets the list of each chunk in $4 to the one at the same place in $5. */
export const SET_LISTS_SQL = `
  UPDATE chunk_embeddings embedding SET list = assigned.list
  FROM unnest($4::uuid[], $5::int[]) AS assigned(chunk_id, list)
  WHERE embedding.chunk_id = assigned.chunk_id AND embedding.organization_id = $1
    AND embedding.model = $2 AND embedding.dimensions = $3 AND embedding.list IS DISTINCT FROM assigned.list`;

/** Clears the list of every vector the training did not assign (its list came from the centroids replaced). */
export const CLEAR_OTHER_LISTS_SQL = `
  UPDATE chunk_embeddings embedding SET list = NULL
  WHERE embedding.organization_id = $1 AND embedding.model = $2 AND embedding.dimensions = $3
    AND embedding.list IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM unnest($4::uuid[]) AS assigned(chunk_id) WHERE assigned.chunk_id = embedding.chunk_id)`;

/** A new generation of the partition: $4 lists, trained on $5 vectors. Returns the generation. */
export const SAVE_PARTITION_SQL = `
  INSERT INTO embedding_partitions (organization_id, model, dimensions, lists, trained_on, generation, trained_at)
  VALUES ($1, $2, $3, $4, $5, 1, now())
  ON CONFLICT (organization_id, model, dimensions) DO UPDATE
    SET lists = excluded.lists, trained_on = excluded.trained_on,
        generation = embedding_partitions.generation + 1, trained_at = now()
  RETURNING generation`;

export const DELETE_CENTROIDS_SQL = `
  DELETE FROM embedding_centroids WHERE organization_id = $1 AND model = $2 AND dimensions = $3`;

/** Centroid $4[i] of list i. */
export const INSERT_CENTROIDS_SQL = `
  INSERT INTO embedding_centroids (organization_id, model, dimensions, list, vector)
  SELECT $1, $2, $3, (ordinality - 1)::int, vector FROM unnest($4::bytea[]) WITH ORDINALITY AS centroid(vector, ordinality)`;
