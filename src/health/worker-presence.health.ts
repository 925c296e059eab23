import { Inject, Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { AppConfig } from '../core/config/app-config';
import { ALL_QUEUE_PRODUCERS } from '../core/queue/queue.module';
import { withTimeout } from '../core/async/with-timeout';

/**
 * Whether every queue has a live worker. BullMQ names each worker's Redis connection after its
 * queue, so `getWorkers()` lists the consumers connected right now; a worker whose process died
 * drops out as soon as Redis closes its connection. A queue counts as unattended only after
 * READINESS_WORKER_ABSENCE_MS without one, so a rolling restart of the workers is not an outage.
 */
@Injectable()
export class WorkerPresenceIndicator {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    @Inject(ALL_QUEUE_PRODUCERS) private readonly queues: Queue[],
    private readonly config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    // Boot counts as a sighting: workers deployed together with the API get the same grace.
    const now = Date.now();
    for (const queue of queues) this.lastSeen.set(queue.name, now);
  }

  get enabled(): boolean {
    return this.config.READINESS_WORKER_ABSENCE_MS > 0 && this.queues.length > 0;
  }

  async check(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const check = this.health.check(key);
    const now = Date.now();
    const unattended: string[] = [];
    for (const queue of this.queues) {
      const workers = await withTimeout(queue.getWorkersCount(), timeoutMs).catch(() => 0);
      if (workers > 0) this.lastSeen.set(queue.name, now);
      const since = this.lastSeen.get(queue.name) ?? now;
      if (now - since > this.config.READINESS_WORKER_ABSENCE_MS) unattended.push(queue.name);
    }
    return unattended.length === 0 ? check.up() : check.down(`no live worker for ${unattended.join(', ')}`);
  }
}
