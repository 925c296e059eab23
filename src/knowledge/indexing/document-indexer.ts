import { Injectable } from '@nestjs/common';
import { type EntityManager, Not } from 'typeorm';
import { newId } from '../../core/database/columns';
import { AppConfig } from '../../core/config/app-config';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { CARRY_OVER_SQL } from '../embedding/embedding-store.sql';
import { LOCK_SHARED_SQL } from '../embedding/partition-store.sql';
import { DocumentChunk } from '../model/document-chunk.entity';
import { DocumentContent } from '../model/document-content.entity';
import type { DocumentFormat } from '../model/document-format';
import { KnowledgeDocument } from '../model/document.entity';
import type { Chunk } from '../extraction/chunker';
import type { IndexingErrorCode } from '../model/indexing-error';
import type { IndexingJob } from './indexing-job';

/** Rows per INSERT: one round trip each, well under PostgreSQL's parameter and message limits. */
const INSERT_BATCH = 500;

/** The vector (headings as A, text as B, code-like tokens with their parts) comes from the one SQL function search shares. */
const INSERT_CHUNKS_SQL = `
  INSERT INTO document_chunks
    (id, organization_id, document_id, version, position, heading_path, text, start_offset, end_offset, search_vector)
  SELECT row.id, $1, $2, $3, row.position, ARRAY(SELECT jsonb_array_elements_text(row.heading_path)), row.text,
         row.start_offset, row.end_offset,
         knowledge_search_vector(row.headings, row.text)
  FROM jsonb_to_recordset($4::jsonb)
    AS row(id uuid, position int, heading_path jsonb, headings text, text text, start_offset int, end_offset int)`;

export interface ClaimedDocument {
  bytes: Buffer;
  format: DocumentFormat;
}

/**
 * The database side of indexing one document version. Every write checks that the document
 * still exists at that version, so a job whose document was deleted or re-indexed writes nothing.
 */
@Injectable()
export class DocumentIndexer {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly config: AppConfig,
  ) {}

  /**
   * Marks the version `processing` and returns its bytes, or null when there is nothing to do:
   * the document is gone, at another version, or this version already finished (a re-run).
   */
  claim(job: IndexingJob): Promise<ClaimedDocument | null> {
    return this.tenant.run(job.organizationId, async (manager) => {
      const document = await this.lockCurrent(manager, job);
      if (!document || document.status === 'ready' || document.status === 'failed') return null;
      await manager.update(
        KnowledgeDocument,
        { id: document.id, organizationId: job.organizationId },
        { status: 'processing', progress: 5, attempts: document.attempts + 1 },
      );
      const content = await manager.findOneByOrFail(DocumentContent, {
        documentId: job.documentId,
        organizationId: job.organizationId,
      });
      return { bytes: content.bytes, format: document.format };
    });
  }

  /** Records progress of a version still being processed; a no-op otherwise. */
  async progress(job: IndexingJob, progress: number): Promise<void> {
    await this.tenant.run(job.organizationId, (manager) =>
      manager.update(
        KnowledgeDocument,
        { id: job.documentId, organizationId: job.organizationId, version: job.version, status: 'processing' },
        { progress },
      ),
    );
  }

  /**
   * Replaces all of the document's chunks with this version's and marks it ready, in one
   * transaction under the document's row lock. Returns false when the version is no longer
   * current: nothing is written. The old chunks go last, so that new chunks whose text did not
   * change first take over their vectors; the rest are embedded afterwards (`embedding`).
   */
  complete(job: IndexingJob, chunks: Chunk[]): Promise<boolean> {
    return this.tenant.run(job.organizationId, async (manager) => {
      const document = await this.lockCurrent(manager, job);
      if (!document || document.status !== 'processing') return false;
      const chunksOf = { documentId: job.documentId, organizationId: job.organizationId };
      await manager.delete(DocumentChunk, { ...chunksOf, version: job.version });
      for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
        const rows = chunks.slice(start, start + INSERT_BATCH).map((chunk) => ({
          id: newId(),
          position: chunk.position,
          heading_path: chunk.headingPath,
          headings: chunk.headingPath.join(' '),
          text: chunk.text,
          start_offset: chunk.startOffset,
          end_offset: chunk.endOffset,
        }));
        await manager.query(INSERT_CHUNKS_SQL, [job.organizationId, job.documentId, job.version, JSON.stringify(rows)]);
      }
      await manager.query(LOCK_SHARED_SQL, [job.organizationId]);
      await manager.query(CARRY_OVER_SQL, [job.organizationId, job.documentId, job.version]);
      await manager.delete(DocumentChunk, { ...chunksOf, version: Not(job.version) });
      await manager.update(
        KnowledgeDocument,
        { id: job.documentId, organizationId: job.organizationId },
        {
          status: 'ready',
          progress: 100,
          chunkCount: chunks.length,
          indexedAt: new Date(),
          errorCode: null,
          errorMessage: null,
          embeddingStatus: this.config.EMBEDDING_PROVIDER === 'none' ? null : 'embedding',
          embeddingErrorCode: null,
          embeddedChunkCount: 0,
        },
      );
      return true;
    });
  }

  /** Marks the version failed with a code and a safe message; a no-op if it is no longer current. */
  async fail(job: IndexingJob, code: IndexingErrorCode, message: string): Promise<void> {
    await this.tenant.run(job.organizationId, (manager) =>
      manager.update(
        KnowledgeDocument,
        { id: job.documentId, organizationId: job.organizationId, version: job.version },
        { status: 'failed', errorCode: code, errorMessage: message },
      ),
    );
  }

  /** Back to `queued` (which also marks it touched), for a version the reconciler queues again. */
  async requeue(job: IndexingJob): Promise<void> {
    await this.tenant.run(job.organizationId, (manager) =>
      manager.update(
        KnowledgeDocument,
        { id: job.documentId, organizationId: job.organizationId, version: job.version },
        { status: 'queued', progress: 0 },
      ),
    );
  }

  private lockCurrent(manager: EntityManager, job: IndexingJob): Promise<KnowledgeDocument | null> {
    return manager.findOne(KnowledgeDocument, {
      where: { id: job.documentId, organizationId: job.organizationId, version: job.version },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
