import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../../core/config/app-config';
import { QUEUES } from '../../core/queue/queue-names';
import { workerConnection } from '../../core/queue/redis-connection';
import { JobLifecycle } from '../../worker/job-lifecycle';
import type { IndexingJob } from './indexing-job';
import { IndexingJobHandler, type IndexingOutcome } from './indexing-job.handler';

/**
 * Consumes the indexing queue with a BullMQ Worker, built here rather than with @Processor because its
 * concurrency and lock come from configuration. A worker that dies loses its lock; after
 * about KNOWLEDGE_JOB_LOCK_MS another worker's stalled-job check runs the job again. The job
 * lifecycle records its metrics and drains it on shutdown, before the pools close.
 */
@Injectable()
export class IndexingConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly handler: IndexingJobHandler,
    private readonly config: AppConfig,
    private readonly lifecycle: JobLifecycle,
  ) {}

  onApplicationBootstrap(): void {
    const worker = new Worker<IndexingJob, IndexingOutcome>(
      QUEUES.knowledgeIndexing,
      (job) => this.handler.handle(job),
      {
        connection: workerConnection(this.config),
        concurrency: this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.KNOWLEDGE_JOB_LOCK_MS,
        stalledInterval: this.config.KNOWLEDGE_JOB_LOCK_MS,
      },
    );
    this.lifecycle.watch(worker);
  }
}
