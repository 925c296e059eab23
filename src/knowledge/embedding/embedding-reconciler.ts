import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { Organization } from '../../organizations/organization.entity';
import { DocumentEmbedder } from './document-embedder';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from './embedding-provider';

const ORGANIZATION_PAGE = 500;
/** Documents one pass embeds at most per organization, so one large tenant cannot hold the pass. */
const DOCUMENTS_PER_ORGANIZATION = 20;

/**
 * Ready documents untouched for KNOWLEDGE_STALE_AFTER_MS whose chunks lack a vector of the
 * configured model: an outage deferred them, the worker died mid-way, a provider was just
 * configured, or EMBEDDING_MODEL changed. The provider's pacer throttles the work. A document
 * the provider refused (`failed`) is retried only by the first pass after a (re)start, when
 * the key or model may have been fixed.
 */
export const STALE_DOCUMENTS_SQL = `
  SELECT document.id FROM documents document
  WHERE document.organization_id = $1 AND document.status = 'ready' AND document.updated_at < $2
    AND ($3 OR document.embedding_status IS DISTINCT FROM 'failed')
    AND EXISTS (SELECT 1 FROM document_chunks chunk
                WHERE chunk.organization_id = $1 AND chunk.document_id = document.id
                  AND NOT EXISTS (SELECT 1 FROM chunk_embeddings embedding
                                  WHERE embedding.chunk_id = chunk.id AND embedding.model = $4
                                    AND ($5::int IS NULL OR embedding.dimensions = $5)))
  ORDER BY document.updated_at
  LIMIT ${DOCUMENTS_PER_ORGANIZATION}`;

@Injectable()
export class EmbeddingReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;
  private firstPass = true;
  /** Set when the provider is away: the rest of the pass waits for the next one instead of each timing out in turn. */
  private deferred = false;
  private readonly stop = new AbortController();

  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly provider: EmbeddingProvider | null,
    private readonly dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    private readonly embedder: DocumentEmbedder,
    private readonly config: AppConfig,
    @InjectPinoLogger('knowledge-embedding-reconciler') private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.provider) return;
    this.timer = setInterval(() => void this.runOnce(), this.config.KNOWLEDGE_RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.stop.abort();
  }

  /** One pass over every organization; overlapping passes are skipped. Returns the documents it embedded. */
  async runOnce(): Promise<number> {
    const provider = this.provider;
    if (!provider || this.running) return 0;
    this.running = true;
    let embedded = 0;
    this.deferred = false;
    try {
      for (let skip = 0; !this.deferred; skip += ORGANIZATION_PAGE) {
        const organizations = await this.dataSource
          .getRepository(Organization)
          .find({ select: { id: true }, order: { id: 'ASC' }, skip, take: ORGANIZATION_PAGE });
        for (const { id } of organizations) {
          if (!this.deferred) embedded += await this.reconcile(id);
        }
        if (organizations.length < ORGANIZATION_PAGE) break;
      }
      if (!this.deferred) this.firstPass = false;
    } catch (error) {
      if (!this.stop.signal.aborted) this.logger.warn({ err: error }, 'knowledge.embedding_reconcile_failed');
    } finally {
      this.running = false;
    }
    return embedded;
  }

  /** Embeds one organization's stale documents; returns how many it finished. */
  async reconcile(organizationId: string): Promise<number> {
    const provider = this.provider;
    if (!provider) return 0;
    const staleBefore = new Date(Date.now() - this.config.KNOWLEDGE_STALE_AFTER_MS);
    const documents = await this.tenant.run(organizationId, (manager) =>
      manager.query<Array<{ id: string }>>(STALE_DOCUMENTS_SQL, [
        organizationId,
        staleBefore,
        this.firstPass,
        provider.model,
        provider.dimensions ?? null,
      ]),
    );
    let embedded = 0;
    for (const { id } of documents) {
      const outcome = await this.embedder.embed({ organizationId, documentId: id }, this.stop.signal);
      this.logger.info({ organizationId, documentId: id, outcome }, 'knowledge.embedding_reconciled');
      if (outcome === 'deferred') {
        this.deferred = true;
        break;
      }
      embedded++;
    }
    return embedded;
  }
}
