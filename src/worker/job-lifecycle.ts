import { WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Metrics, type Outcome } from '../core/metrics/metrics';

/**
 * Watches every BullMQ worker of this process (each `@Processor` class, and those handed to
 * `watch`): records job duration
 * and outcome, and on shutdown stops them taking jobs and waits for their active jobs, before
 * the database pool and Redis connections close under them. The overall deadline lives in
 * graceful-shutdown: a job still running then is cut off and retried elsewhere once its lock
 * expires.
 */
@Injectable()
export class JobLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: Metrics,
    @InjectPinoLogger('worker') private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    for (const instance of this.discovery.getProviders().map((wrapper) => wrapper.instance as unknown)) {
      if (instance instanceof WorkerHost) this.watch(instance.worker as Worker);
    }
  }

  /** Also for workers built in code rather than with @Processor (their options come from config). */
  watch(worker: Worker): void {
    this.workers.push(worker);
    worker.on('completed', (job) => this.record(worker.name, job, 'succeeded'));
    worker.on('failed', (job) => job && this.record(worker.name, job, 'failed'));
    // Without a listener an 'error' (Redis gone) would be an uncaught exception; BullMQ reconnects by itself.
    worker.on('error', (error) => this.logger.warn({ err: error, queue: worker.name }, 'worker.error'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const active = this.workers.length;
    this.logger.info({ workers: active }, 'worker.draining');
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.logger.info('worker.drained');
  }

  private record(queue: string, job: Job, outcome: Outcome): void {
    const seconds = job.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : 0;
    this.metrics.recordJob(queue, outcome, seconds);
  }
}
