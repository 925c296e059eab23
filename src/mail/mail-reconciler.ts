import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { And, DataSource, IsNull, LessThan, MoreThan } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { DEFAULT_JOB_OPTIONS } from '../core/queue/queue.module';
import { QUEUES } from '../core/queue/queue-names';
import { PeriodicSweep } from '../organizations/periodic-sweep';
import { type MailJob, mailJobId } from './mail-job';
import { OutboundEmail } from './outbound-email.entity';

/**
 * A mail is recorded with what it announces, then queued after the commit; when Redis is down
 * at that moment the request still succeeds and the mail waits unsent. Periodically this finds
 * such mails (unsent for MAIL_STALE_AFTER_MS, with no job at all) and queues them again. A job
 * that failed for good stays failed: BullMQ keeps it as long as a mail is worth retrying, and
 * the deterministic job id keeps one job per mail when several workers run this at once.
 */
@Injectable()
export class MailReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicSweep;

  constructor(
    dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue<MailJob>,
    private readonly config: AppConfig,
    @InjectPinoLogger('mail-reconciler') private readonly logger: PinoLogger,
  ) {
    this.passes = new PeriodicSweep(
      dataSource,
      (id) => this.reconcileOrganization(id),
      logger,
      'mail.reconcile_failed',
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start(this.config.MAIL_RECONCILE_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    this.passes.stop();
  }

  /** One pass over every organization; overlapping passes are skipped. Returns how many mails it queued. */
  runOnce(): Promise<number> {
    return this.passes.runOnce();
  }

  private async reconcileOrganization(organizationId: string): Promise<number> {
    const now = Date.now();
    // Older than the failed jobs BullMQ keeps, a missing job may have failed for good: left alone.
    const retainedFailures = (DEFAULT_JOB_OPTIONS.removeOnFail as { age: number }).age * 1000;
    const unsent = await this.tenant.run(organizationId, (manager) =>
      manager.find(OutboundEmail, {
        select: { id: true },
        where: {
          organizationId,
          sentAt: IsNull(),
          createdAt: And(
            LessThan(new Date(now - this.config.MAIL_STALE_AFTER_MS)),
            MoreThan(new Date(now - retainedFailures)),
          ),
        },
      }),
    );
    let queued = 0;
    for (const { id } of unsent) {
      const job = { organizationId, emailId: id };
      if ((await this.queue.getJobState(mailJobId(job))) !== 'unknown') continue;
      await this.queue.add('send', job, { jobId: mailJobId(job) });
      this.logger.info(job, 'mail.reconcile_requeued');
      queued++;
    }
    return queued;
  }
}
