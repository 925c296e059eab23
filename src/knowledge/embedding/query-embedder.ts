import { Inject, Injectable } from '@nestjs/common';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from './embedding-provider';
import { fitInput } from './embedding-input';
import { unitVector } from './vector-codec';

/** A search waits no longer than this for its query's vector, then answers lexically. */
export const QUERY_EMBEDDING_TIMEOUT_MS = 2_000;
/** A failure this recent marks the provider degraded in readiness. */
const DEGRADED_FOR_MS = 60_000;
/** Readiness probes the provider itself when no query has told it anything for this long. */
const PROBE_AFTER_MS = 30_000;

export type ProviderState = 'ok' | 'degraded';

/**
 * The API side of the provider: one attempt per search query, within a short deadline (a
 * search falls back to lexical rather than waiting out retries), and what those attempts say
 * about the provider's health.
 */
@Injectable()
export class QueryEmbedder {
  private lastSuccessAt = 0;
  private lastFailureAt = 0;

  constructor(@Inject(EMBEDDING_PROVIDER) readonly provider: EmbeddingProvider | null) {}

  /** The query's unit vector, or null when it could not be made now (the caller answers lexically). */
  async embed(query: string): Promise<Float32Array | null> {
    if (!this.provider) return null;
    try {
      const { vectors } = await this.provider.embed([fitInput(query, this.provider.maxInputChars).text], {
        signal: AbortSignal.timeout(QUERY_EMBEDDING_TIMEOUT_MS),
        maxAttempts: 1,
      });
      this.lastSuccessAt = Date.now();
      return unitVector(vectors[0]);
    } catch {
      this.lastFailureAt = Date.now();
      return null;
    }
  }

  /** From recent queries, or a probe of one short input when they say nothing recent. */
  async state(): Promise<ProviderState> {
    const now = Date.now();
    if (Math.max(this.lastSuccessAt, this.lastFailureAt) < now - PROBE_AFTER_MS) await this.embed('readiness');
    return this.lastFailureAt > this.lastSuccessAt && this.lastFailureAt > now - DEGRADED_FOR_MS ? 'degraded' : 'ok';
  }
}
