import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../core/config/app-config';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { QUEUES } from '../core/queue/queue-names';
import { linkFor } from './mail-links';
import { MAIL_TOKEN_LABEL, type MailJob } from './mail-job';
import { OutboundEmail } from './outbound-email.entity';
import { renderMail } from './templates/render-mail';
import { SecretBox } from '../core/crypto/secret-box';

export type MailOutcome = 'sent' | 'skipped';

/** SMTP reply codes that no retry will change (mailbox unknown, message refused). */
const isPermanent = (error: unknown): boolean => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Sends one recorded mail. Idempotent: a mail marked sent is skipped, and its Message-ID is
 * derived from its id, so the rare resend after a crash between SMTP's acceptance and the mark
 * is recognisable as the same message. Transient SMTP failures are retried with backoff; a
 * permanent refusal fails at once. Only ids and codes are logged, never the body or the link.
 */
@Processor(QUEUES.mail)
export class MailProcessor extends WorkerHost {
  private readonly seal: SecretBox;
  private readonly transport: Transporter | null;

  constructor(
    private readonly config: AppConfig,
    private readonly tenant: TenantTransaction,
    @InjectPinoLogger('mail') private readonly logger: PinoLogger,
  ) {
    super();
    this.seal = new SecretBox(config.JWT_SECRET, MAIL_TOKEN_LABEL);
    this.transport = config.SMTP_URL && !config.MAIL_DISABLED ? createTransport(config.SMTP_URL) : null;
  }

  async process(job: Job<MailJob>): Promise<MailOutcome> {
    const { organizationId, emailId } = job.data;
    const context = { organizationId, emailId, jobId: job.id, attempt: job.attemptsMade + 1 };
    const email = await this.tenant.run(organizationId, (manager) =>
      manager.getRepository(OutboundEmail).findOneBy({ id: emailId, organizationId }),
    );
    if (!email || email.sentAt) {
      this.logger.info(context, 'mail.skipped');
      return 'skipped';
    }
    if (!this.transport) throw new UnrecoverableError('mail_disabled');
    const token = email.sealedToken === null ? undefined : this.seal.open(email.sealedToken);
    if (token === null) throw new UnrecoverableError('link_unreadable');
    const link = token === undefined ? undefined : linkFor(this.config.PUBLIC_APP_URL, email.template, token);
    const mail = renderMail(email.template, { params: email.params, link });
    try {
      await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: email.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${email.id}@deskbase.mail>`,
      });
    } catch (error) {
      const code =
        (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
      this.logger.warn({ ...context, template: email.template, code }, 'mail.send_failed');
      if (isPermanent(error)) throw new UnrecoverableError('smtp_rejected');
      throw new Error(`SMTP delivery failed (${String(code ?? 'unknown')})`, { cause: error });
    }
    await this.tenant.run(organizationId, (manager) =>
      manager
        .getRepository(OutboundEmail)
        .update({ id: emailId, organizationId }, { sentAt: new Date(), sealedToken: null }),
    );
    this.logger.info({ ...context, template: email.template }, 'mail.sent');
    return 'sent';
  }
}
