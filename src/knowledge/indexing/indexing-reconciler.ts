import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource, In, LessThan } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { KnowledgeDocument } from '../model/document.entity';
import { PeriodicSweep } from '../../organizations/periodic-sweep';
import { DocumentIndexer } from './document-indexer';
import { IndexingError } from '../model/indexing-error';
import { IndexingQueue } from './indexing-queue';

/** Job states in which BullMQ itself will still run the job (a stalled active job included). */
const LIVE_JOB_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
/** Runs a document may get before the reconciler gives up on it. */
const MAX_RUNS = 10;

/**
 * Nothing stays queued or processing forever: periodically finds documents untouched for
 * KNOWLEDGE_STALE_AFTER_MS whose job is gone (Redis lost it, it was cleaned up, a crash between
 * commit and enqueue) and queues them again, or fails them once they have had MAX_RUNS runs.
 * Several workers may run it at once: the deterministic job id keeps one job per version.
 */
@Injectable()
export class IndexingReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicSweep;

  constructor(
    dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    private readonly queue: IndexingQueue,
    private readonly indexer: DocumentIndexer,
    private readonly config: AppConfig,
    @InjectPinoLogger('knowledge-reconciler') private readonly logger: PinoLogger,
  ) {
    this.passes = new PeriodicSweep(
      dataSource,
      (id) => this.reconcileOrganization(id),
      logger,
      'knowledge.reconcile_failed',
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start(this.config.KNOWLEDGE_RECONCILE_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    this.passes.stop();
  }

  /** One pass over every organization; overlapping passes are skipped. Returns how many documents it acted on. */
  runOnce(): Promise<number> {
    return this.passes.runOnce();
  }

  private async reconcileOrganization(organizationId: string): Promise<number> {
    const staleBefore = new Date(Date.now() - this.config.KNOWLEDGE_STALE_AFTER_MS);
    const stuck = await this.tenant.run(organizationId, (manager) =>
      manager.find(KnowledgeDocument, {
        select: { id: true, version: true, attempts: true, status: true },
        where: { organizationId, status: In(['queued', 'processing']), updatedAt: LessThan(staleBefore) },
      }),
    );
    let acted = 0;
    for (const document of stuck) {
      const job = { organizationId, documentId: document.id, version: document.version };
      if (LIVE_JOB_STATES.has(await this.queue.state(job))) continue;
      if (document.attempts >= MAX_RUNS) {
        const gaveUp = new IndexingError('indexing_failed');
        await this.indexer.fail(job, gaveUp.code, gaveUp.message);
        this.logger.warn({ ...job, attempts: document.attempts }, 'knowledge.reconcile_gave_up');
      } else {
        await this.indexer.requeue(job);
        await this.queue.requeue(job);
        this.logger.info({ ...job, status: document.status }, 'knowledge.reconcile_requeued');
      }
      acted++;
    }
    return acted;
  }
}
