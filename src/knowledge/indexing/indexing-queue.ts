import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { withTimeout } from '../../core/async/with-timeout';
import { ServiceUnavailableError } from '../../core/http/app-error';
import { QUEUES } from '../../core/queue/queue-names';
import { type IndexingJob, indexingJobId } from './indexing-job';

/** A producer waits no longer than this for Redis before it answers 503. */
const ENQUEUE_TIMEOUT_MS = 2_000;

const withinDeadline = <T>(work: Promise<T>): Promise<T> => withTimeout(work, ENQUEUE_TIMEOUT_MS);

/** Adds and removes indexing jobs. Fails fast with 503 when Redis is away instead of hanging the request. */
@Injectable()
export class IndexingQueue {
  // Its connection errors are logged once, by QueueModule, like every queue's.
  constructor(@InjectQueue(QUEUES.knowledgeIndexing) private readonly queue: Queue<IndexingJob>) {}

  /** Idempotent: the job id is derived from the document version, so adding twice keeps one job. */
  async add(job: IndexingJob): Promise<void> {
    try {
      await withinDeadline(this.queue.add('index-document', job, { jobId: indexingJobId(job) }));
    } catch {
      throw new ServiceUnavailableError('The indexing queue is unavailable, retry later');
    }
  }

  /** Drops the job of a version if it has not started; a running job finds its document gone and writes nothing. */
  async remove(job: Pick<IndexingJob, 'documentId' | 'version'>): Promise<void> {
    await withinDeadline(this.queue.remove(indexingJobId(job)));
  }

  /** The state of a version's job: 'unknown' when there is none (it vanished or was cleaned up). */
  state(job: Pick<IndexingJob, 'documentId' | 'version'>): Promise<string> {
    return withinDeadline(this.queue.getJobState(indexingJobId(job)));
  }

  /** Queues a version again: a finished job of the same id would otherwise make the add a no-op. */
  async requeue(job: IndexingJob): Promise<void> {
    await this.remove(job);
    await this.add(job);
  }
}
