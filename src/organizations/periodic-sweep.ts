import type { PinoLogger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { organizationIds } from './organization-ids';

/**
 * A background pass over every organization, one at a time, repeated every `intervalMs` from
 * `start()` (an unref'd timer, so it never holds the process open) until `stop()`. Passes never
 * overlap: a tick while one runs is skipped. A failure ends the pass with a warning logged as
 * `failureEvent`; the next tick starts over.
 */
export class PeriodicSweep {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    /** The work in one organization; returns how many things it acted on. */
    private readonly perOrganization: (organizationId: string) => Promise<number>,
    private readonly logger: PinoLogger,
    private readonly failureEvent: string,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many things it acted on (0 when a pass was already running). */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let acted = 0;
    try {
      for await (const id of organizationIds(this.dataSource)) acted += await this.perOrganization(id);
    } catch (error) {
      this.logger.warn({ err: error }, this.failureEvent);
    } finally {
      this.running = false;
    }
    return acted;
  }
}
