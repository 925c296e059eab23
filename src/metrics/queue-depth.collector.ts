import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { Metrics } from '../core/metrics/metrics';
import { ALL_QUEUE_PRODUCERS } from '../core/queue/queue.module';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Job counts per queue and state, read from Redis at scrape time. While Redis is away the
 * gauge is left out of the scrape rather than failing it: the process's other metrics still
 * matter then.
 */
@Injectable()
export class QueueDepthCollector {
  constructor(metrics: Metrics, @Inject(ALL_QUEUE_PRODUCERS) queues: Queue[]) {
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            const counts = await queue.getJobCounts(...STATES).catch(() => undefined);
            for (const state of STATES) {
              if (counts) this.set({ queue: queue.name, state }, counts[state] ?? 0);
            }
          }),
        );
      },
    });
  }
}
