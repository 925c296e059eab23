import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../../core/config/app-config';
import { QUEUES } from '../../core/queue/queue-names';
import { reconnectForever } from '../../core/redis/reconnect';
import type { IndexingJob } from './indexing-job';
import { KnowledgeIndexingProcessor, type IndexingOutcome } from './knowledge-indexing.processor';

/**
 * The BullMQ worker of the indexing queue, built here rather than with @Processor because its
 * concurrency and lock come from configuration. A worker that dies loses its lock; after
 * about KNOWLEDGE_JOB_LOCK_MS another worker's stalled-job check runs the job again.
 */
@Injectable()
export class IndexingWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker<IndexingJob, IndexingOutcome>;

  constructor(
    private readonly processor: KnowledgeIndexingProcessor,
    private readonly config: AppConfig,
    @InjectPinoLogger('knowledge-indexing') private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<IndexingJob, IndexingOutcome>(
      QUEUES.knowledgeIndexing,
      (job) => this.processor.process(job),
      {
        connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null, retryStrategy: reconnectForever },
        concurrency: this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.KNOWLEDGE_JOB_LOCK_MS,
        stalledInterval: this.config.KNOWLEDGE_JOB_LOCK_MS,
      },
    );
    // Without a listener an unreachable Redis would be an unhandled 'error' event.
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'knowledge.worker_error'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
