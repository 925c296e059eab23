import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { Entitlements } from '../../plans/entitlements';
import { AppConfig } from '../../core/config/app-config';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { PaymentRequiredError } from '../../core/http/app-error';
import { Metrics } from '../../core/metrics/metrics';
import { KnowledgeDocument } from '../model/document.entity';
import { EMBEDDING_ERROR_MESSAGES } from '../model/embedding-status';
import { chunkInput, fitInput, textHash } from './embedding-input';
import { EMBEDDING_PROVIDER, type EmbeddingProvider, EmbeddingRejectedError } from './embedding-provider';
import { COUNT_TOKENS_SQL, EMBEDDED_COUNT_SQL, MISSING_CHUNKS_SQL, WRITE_EMBEDDINGS_SQL } from './embedding-store.sql';
import { nearestLists } from './k-means';
import { PartitionCentroids } from './partition-centroids';
import { LOCK_SHARED_SQL } from './partition-store.sql';
import { signBits, unitVector, vectorToBytes } from './vector-codec';

interface MissingChunk {
  id: string;
  heading_path: string[];
  text: string;
}

export interface DocumentRef {
  organizationId: string;
  documentId: string;
}

/** What became of a document's embeddings: all made, left for later (outage), or refused. */
export type EmbeddingOutcome = 'ready' | 'deferred' | 'failed';

/**
 * Gives every chunk of a document a vector of the configured model, batch by batch; each batch
 * is written at once (with the tokens it cost), so an interruption loses one batch at most and
 * the next run (the reconciler's) starts where this one stopped. The chunks are searchable
 * lexically throughout: nothing here touches them or the document's indexing status.
 */
@Injectable()
export class DocumentEmbedder {
  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly provider: EmbeddingProvider | null,
    private readonly tenant: TenantTransaction,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly entitlements: Entitlements,
    private readonly partitions: PartitionCentroids,
    @InjectPinoLogger('knowledge-embedding') private readonly logger: PinoLogger,
  ) {}

  get enabled(): boolean {
    return this.provider !== null;
  }

  /** Embeds the chunks still missing a vector; never throws for a provider fault. */
  async embed(document: DocumentRef, signal?: AbortSignal): Promise<EmbeddingOutcome> {
    const provider = this.provider;
    if (!provider) return 'ready';
    const context = { ...document, model: provider.model };
    try {
      for (;;) {
        const chunks = await this.missing(document, provider);
        if (chunks.length === 0) break;
        await this.embedBatch(document, provider, chunks, signal);
      }
      await this.tenant.run(document.organizationId, (manager) =>
        this.recordProgress(manager, document, provider, { embeddingStatus: 'ready', embeddingErrorCode: null }),
      );
      return 'ready';
    } catch (error) {
      if (error instanceof EmbeddingRejectedError) {
        await this.mark(document, { embeddingStatus: 'failed', embeddingErrorCode: error.code });
        this.metrics.recordEmbeddingFailure('rejected');
        this.logger.warn(
          { ...context, code: error.code, status: error.status, message: EMBEDDING_ERROR_MESSAGES[error.code] },
          'knowledge.embedding_failed',
        );
        return 'failed';
      }
      if (error instanceof PaymentRequiredError) {
        await this.mark(document, { embeddingStatus: 'failed', embeddingErrorCode: 'embedding_quota_exceeded' });
        this.logger.warn({ ...context, code: 'embedding_quota_exceeded' }, 'knowledge.embedding_failed');
        return 'failed';
      }
      if (signal?.aborted) throw error;
      // An outage or a database fault: the chunks stay searchable lexically and the reconciler resumes later.
      this.metrics.recordEmbeddingFailure('deferred');
      this.logger.warn({ ...context, err: error }, 'knowledge.embedding_deferred');
      return 'deferred';
    }
  }

  private missing(document: DocumentRef, provider: EmbeddingProvider): Promise<MissingChunk[]> {
    return this.tenant.run(document.organizationId, (manager) =>
      manager.query<MissingChunk[]>(MISSING_CHUNKS_SQL, [
        document.organizationId,
        document.documentId,
        provider.model,
        provider.dimensions ?? null,
        this.config.EMBEDDING_BATCH_SIZE,
      ]),
    );
  }

  private async embedBatch(
    document: DocumentRef,
    provider: EmbeddingProvider,
    chunks: MissingChunk[],
    signal?: AbortSignal,
  ): Promise<void> {
    const inputs = chunks.map((chunk) => chunkInput(chunk.heading_path, chunk.text));
    const fitted = inputs.map((input) => fitInput(input, provider.maxInputChars));
    const truncated = fitted.filter((input) => input.truncated).length;
    if (truncated > 0) {
      this.metrics.recordEmbeddingTruncated(truncated);
      this.logger.warn({ ...document, truncated, maxChars: provider.maxInputChars }, 'knowledge.embedding_truncated');
    }
    const { vectors, tokens } = await provider.embed(
      fitted.map((input) => input.text),
      { signal },
    );
    const units = vectors.map(unitVector);
    await this.tenant.run(document.organizationId, async (manager) => {
      // The tokens are spent once the provider answered; over the plan's month, nothing is stored.
      await this.entitlements.consume(manager, document.organizationId, 'embeddingTokens', tokens);
      await manager.query(LOCK_SHARED_SQL, [document.organizationId]);
      // A partitioned organization's new vectors go to their nearest list at once.
      const partition = await this.partitions.get(manager, document.organizationId, provider.model, units[0].length);
      const rows = chunks.map((chunk, index) => ({
        chunk_id: chunk.id,
        dimensions: units[index].length,
        text_hash: textHash(inputs[index]),
        bits: signBits(units[index]),
        vector: vectorToBytes(units[index]).toString('base64'),
        list: partition ? nearestLists(units[index], partition.centroids, 1)[0] : null,
      }));
      await manager.query(WRITE_EMBEDDINGS_SQL, [document.organizationId, provider.model, JSON.stringify(rows)]);
      await manager.query(COUNT_TOKENS_SQL, [document.organizationId, provider.model, tokens]);
      await this.recordProgress(manager, document, provider, { embeddingStatus: 'embedding' });
    });
    this.metrics.recordEmbeddingTokens(tokens);
  }

  /** Applies `changes` with the count of chunks that have a vector of this model now. */
  private async recordProgress(
    manager: EntityManager,
    document: DocumentRef,
    provider: EmbeddingProvider,
    changes: Partial<KnowledgeDocument>,
  ): Promise<void> {
    const [{ count }] = await manager.query<Array<{ count: number }>>(EMBEDDED_COUNT_SQL, [
      document.organizationId,
      document.documentId,
      provider.model,
      provider.dimensions ?? null,
    ]);
    await manager.update(
      KnowledgeDocument,
      { id: document.documentId, organizationId: document.organizationId },
      { ...changes, embeddedChunkCount: count },
    );
  }

  private async mark(document: DocumentRef, changes: Partial<KnowledgeDocument>): Promise<void> {
    await this.tenant.run(document.organizationId, (manager) =>
      manager.update(KnowledgeDocument, { id: document.documentId, organizationId: document.organizationId }, changes),
    );
  }
}
