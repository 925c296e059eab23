import type { EmbeddingErrorCode } from '../model/embedding-status';

/** Vectors for a batch of texts, in order, and the tokens the provider billed for them. */
export interface Embeddings {
  vectors: Float32Array[];
  tokens: number;
}

/**
 * Turns texts into vectors. Implementations retry transient faults themselves and then throw
 * EmbeddingUnavailableError; a refusal that no retry can fix throws EmbeddingRejectedError.
 */
export interface EmbeddingProvider {
  /** The model, as vectors are stored and compared under it. */
  readonly model: string;
  /** The vector length asked for, or undefined for the model's own (learnt from its first answer). */
  readonly dimensions?: number;
  /** The longest input, in characters, that fits the model's input limit. */
  readonly maxInputChars: number;
  embed(texts: string[], options?: { signal?: AbortSignal; maxAttempts?: number }): Promise<Embeddings>;
}

/** Injection token; the value is null when EMBEDDING_PROVIDER is none. */
export const EMBEDDING_PROVIDER = Symbol('EMBEDDING_PROVIDER');

/** The provider cannot answer now (outage, rate limit, timeout) even after retries. */
export class EmbeddingUnavailableError extends Error {
  constructor(readonly status?: number) {
    super(`embedding provider unavailable${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'EmbeddingUnavailableError';
  }
}

/** The provider refused for good (bad key, unknown model) or answered something unusable. */
export class EmbeddingRejectedError extends Error {
  constructor(
    readonly code: EmbeddingErrorCode,
    readonly status?: number,
  ) {
    super(`embedding provider refused: ${code}${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'EmbeddingRejectedError';
  }
}
