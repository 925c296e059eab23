import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { mailEnabled } from '../core/config/mail-enabled';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { QUEUES } from '../core/queue/queue-names';
import { MAIL_TOKEN_LABEL, type MailJob, mailJobId } from './mail-job';
import { OutboundEmail } from './outbound-email.entity';
import type { MailTemplate } from './templates/mail-template';
import { SecretBox } from '../core/crypto/secret-box';

export interface MailRequest {
  organizationId: string;
  to: string;
  template: MailTemplate;
  params: Record<string, string>;
  /** The secret the link carries (invitation, password reset); sealed until sent. */
  token?: string;
}

/**
 * The sending side of mail, for the API. `record` writes the mail in the caller's tenant
 * transaction, so a mail exists exactly when what it announces does; `dispatch`, after the
 * commit, hands its id to the worker, which renders and sends it with retries.
 */
@Injectable()
export class Mailer {
  private readonly seal: SecretBox;

  constructor(
    private readonly config: AppConfig,
    private readonly tenant: TenantTransaction,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue<MailJob>,
    @InjectPinoLogger('mail') private readonly logger: PinoLogger,
  ) {
    this.seal = new SecretBox(config.JWT_SECRET, MAIL_TOKEN_LABEL);
  }

  get enabled(): boolean {
    return mailEnabled(this.config);
  }

  /** The mail's id, or null when mail is off (nothing recorded). */
  async record(manager: EntityManager, mail: MailRequest): Promise<MailJob | null> {
    if (!this.enabled) return null;
    const emails = manager.getRepository(OutboundEmail);
    const saved = await emails.save(
      emails.create({
        organizationId: mail.organizationId,
        recipient: mail.to,
        template: mail.template,
        params: mail.params,
        sealedToken: mail.token ? this.seal.seal(mail.token) : null,
        sentAt: null,
      }),
    );
    return { organizationId: saved.organizationId, emailId: saved.id };
  }

  /**
   * Queues recorded mails. What they announce has already happened, so a Redis outage does not
   * fail the request: it is logged, and the mail stays recorded and unsent.
   */
  async dispatch(jobs: Array<MailJob | null>): Promise<void> {
    for (const job of jobs) {
      if (!job) continue;
      try {
        await this.queue.add('send', job, { jobId: mailJobId(job) });
      } catch (error) {
        this.logger.error({ err: error, emailId: job.emailId }, 'mail.enqueue_failed');
      }
    }
  }

  /** For mails not tied to another write: each is recorded in its own tenant transaction, then queued. */
  async send(mails: MailRequest[]): Promise<void> {
    if (!this.enabled) return;
    const jobs: Array<MailJob | null> = [];
    for (const mail of mails) jobs.push(await this.tenant.run(mail.organizationId, (m) => this.record(m, mail)));
    await this.dispatch(jobs);
  }
}
