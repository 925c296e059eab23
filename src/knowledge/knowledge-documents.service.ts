import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { actorId, type Actor } from '../access/actor';
import { Entitlements } from '../plans/entitlements';
import { AppConfig } from '../core/config/app-config';
import { newId } from '../core/database/columns';
import { findOr404 } from '../core/database/find-or-404';
import { findPage, queryPage } from '../core/database/paginate';
import { isUniqueViolation } from '../core/database/pg-errors';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import { type ChunkView, toChunkView } from './chunk.view';
import { DocumentChunk } from './model/document-chunk.entity';
import { DocumentContent } from './model/document-content.entity';
import type { DocumentUpload, UploadResult } from './document-upload';
import { KnowledgeDocument } from './model/document.entity';
import { type DocumentView, toDocumentView } from './document.view';
import type { ListDocumentsQuery } from './dto/list-documents.query';
import { IndexingQueue } from './indexing/indexing-queue';
import { detectFormat } from './extraction/detect-format';
import { MAX_TITLE_LENGTH } from './model/document-title';
import { documentsInUse } from './model/documents-in-use';

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const titleFrom = (filename: string | null): string =>
  filename?.replace(/\.[^./\\]{1,8}$/, '').slice(0, MAX_TITLE_LENGTH) || 'Untitled document';

@Injectable()
export class KnowledgeDocumentsService {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly queue: IndexingQueue,
    private readonly config: AppConfig,
    private readonly entitlements: Entitlements,
    @InjectPinoLogger('knowledge') private readonly logger: PinoLogger,
  ) {}

  /**
   * Stores the document and its bytes in one transaction, then queues its indexing. The same
   * bytes uploaded again by the organization return the document that already holds them.
   * When the queue is down the new document is removed again and the caller gets a 503.
   */
  async upload(actor: Actor, upload: DocumentUpload): Promise<UploadResult<DocumentView>> {
    if (upload.bytes.length > this.config.KNOWLEDGE_MAX_UPLOAD_BYTES) {
      throw new PayloadTooLargeError(`Documents are limited to ${this.config.KNOWLEDGE_MAX_UPLOAD_BYTES} bytes`);
    }
    const format = upload.declaredFormat ?? (await detectFormat(upload.bytes));
    if (!format) {
      throw new UnsupportedMediaTypeError('Only plain text, Markdown, HTML, PDF and DOCX documents can be uploaded');
    }
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const { organizationId } = actor;

    const existing = await this.findBySha(organizationId, sha256);
    if (existing) return { document: toDocumentView(existing), created: false };

    let document: KnowledgeDocument;
    try {
      document = await this.tenant.run(organizationId, async (manager) => {
        await this.entitlements.reserve(
          manager,
          organizationId,
          { documents: 1, storageBytes: upload.bytes.length },
          documentsInUse,
        );
        const saved = await manager.save(
          manager.create(KnowledgeDocument, {
            id: newId(),
            organizationId,
            title: upload.title ?? titleFrom(upload.filename),
            filename: upload.filename,
            format,
            sizeBytes: upload.bytes.length,
            sha256,
            createdBy: actorId(actor),
          }),
        );
        await manager.insert(DocumentContent, { documentId: saved.id, organizationId, bytes: upload.bytes });
        return saved;
      });
    } catch (error) {
      // Two identical uploads raced: the other one stored it.
      const winner = isUniqueViolation(error) ? await this.findBySha(organizationId, sha256) : null;
      if (!winner) throw error;
      return { document: toDocumentView(winner), created: false };
    }

    try {
      await this.queue.add({ organizationId, documentId: document.id, version: document.version });
    } catch (error) {
      await this.tenant.run(organizationId, (manager) =>
        manager.delete(KnowledgeDocument, { id: document.id, organizationId }),
      );
      throw error;
    }
    this.logger.info({ documentId: document.id, format, sizeBytes: document.sizeBytes }, 'knowledge.document_uploaded');
    return { document: toDocumentView(document), created: true };
  }

  async list(actor: Actor, query: ListDocumentsQuery): Promise<PaginatedResponse<DocumentView>> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const builder = manager
        .createQueryBuilder(KnowledgeDocument, 'document')
        .where('document.organizationId = :organizationId', { organizationId: actor.organizationId });
      if (query.status) builder.andWhere('document.status = :status', { status: query.status });
      if (query.search) {
        // Substring or trigram similarity: both served by the title's trigram index.
        builder
          .andWhere('(document.title ILIKE :like OR document.title % :search)', {
            like: `%${escapeLike(query.search)}%`,
            search: query.search,
          })
          .orderBy('similarity(document.title, :search)', 'DESC');
      }
      return queryPage(
        builder.addOrderBy('document.createdAt', 'DESC').addOrderBy('document.id', 'DESC'),
        query,
        toDocumentView,
      );
    });
  }

  async get(actor: Actor, id: string): Promise<DocumentView> {
    return this.tenant.run(actor.organizationId, async (manager) =>
      toDocumentView(await this.findOrFail(manager, actor.organizationId, id)),
    );
  }

  async listChunks(actor: Actor, id: string, page: PaginationQuery): Promise<PaginatedResponse<ChunkView>> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      await this.findOrFail(manager, actor.organizationId, id);
      return findPage(
        manager.getRepository(DocumentChunk),
        { where: { organizationId: actor.organizationId, documentId: id }, order: { position: 'ASC' } },
        page,
        toChunkView,
      );
    });
  }

  /**
   * Starts a new version: the running or queued job of the old one will write nothing, and the
   * old chunks stay searchable until the new ones replace them. If the queue is down the
   * version stays queued and the worker's reconciler queues it once Redis is back.
   */
  async reindex(actor: Actor, id: string): Promise<DocumentView> {
    const document = await this.tenant.run(actor.organizationId, async (manager) => {
      const found = await this.findOrFail(manager, actor.organizationId, id, true);
      Object.assign(found, { version: found.version + 1, status: 'queued', progress: 0, attempts: 0 });
      Object.assign(found, { errorCode: null, errorMessage: null });
      return manager.save(found);
    });
    await this.queue.add({ organizationId: actor.organizationId, documentId: id, version: document.version });
    this.logger.info({ documentId: id, version: document.version }, 'knowledge.document_reindex_requested');
    return toDocumentView(document);
  }

  /** Removes the document with its bytes and chunks (cascade), then its queued job if any. */
  async remove(actor: Actor, id: string): Promise<void> {
    const document = await this.tenant.run(actor.organizationId, async (manager) => {
      const found = await this.findOrFail(manager, actor.organizationId, id, true);
      await manager.delete(KnowledgeDocument, { id, organizationId: actor.organizationId });
      return found;
    });
    // A job left behind (Redis away, or already running) finds no document and writes nothing.
    await this.queue.remove({ documentId: id, version: document.version }).catch((error: unknown) => {
      this.logger.warn({ documentId: id, err: error }, 'knowledge.job_removal_failed');
    });
    this.logger.info({ documentId: id }, 'knowledge.document_deleted');
  }

  private findBySha(organizationId: string, sha256: string): Promise<KnowledgeDocument | null> {
    return this.tenant.run(organizationId, (manager) =>
      manager.findOneBy(KnowledgeDocument, { organizationId, sha256 }),
    );
  }

  /** The row lock makes a concurrent indexing job's final write wait for this change, then see it. */
  private findOrFail(
    manager: EntityManager,
    organizationId: string,
    id: string,
    lock = false,
  ): Promise<KnowledgeDocument> {
    return findOr404(manager.getRepository(KnowledgeDocument), { id, organizationId }, 'Document', { lock });
  }
}
