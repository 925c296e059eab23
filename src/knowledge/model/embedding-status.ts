/**
 * Where a document's embeddings stand. `embedding`: chunks are searchable lexically, vectors are
 * being made (or wait for the provider: the reconciler carries on); `ready`: every chunk has a
 * vector of the configured model; `failed`: the provider refused for good (see the code).
 */
export const EMBEDDING_STATUSES = ['embedding', 'ready', 'failed'] as const;
export type EmbeddingStatus = (typeof EMBEDDING_STATUSES)[number];

/**
 * `embedding_rejected`: the provider refused the key or the model (401, 403, 404);
 * `embedding_invalid`: it answered vectors of the wrong length or shape;
 * `embedding_quota_exceeded`: the plan's embedding tokens for the month are spent (billing on).
 * All need the operator or a new month, not a retry; the reconciler tries again after a restart.
 */
export const EMBEDDING_ERROR_CODES = ['embedding_rejected', 'embedding_invalid', 'embedding_quota_exceeded'] as const;
export type EmbeddingErrorCode = (typeof EMBEDDING_ERROR_CODES)[number];

export const EMBEDDING_ERROR_MESSAGES: Record<EmbeddingErrorCode, string> = {
  embedding_rejected: 'The embedding provider refused the key or the model; lexical search still finds this document',
  embedding_invalid:
    'The embedding provider answered vectors of the wrong shape; lexical search still finds this document',
  embedding_quota_exceeded:
    "The plan's embedding tokens for this month are spent; lexical search still finds this document",
};
