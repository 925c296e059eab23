/** Payload of a mail job: ids only; the recipient, template and sealed link live in outbound_emails. */
export interface MailJob {
  organizationId: string;
  emailId: string;
}

/** One job per mail: enqueueing the same mail twice keeps one job. */
export const mailJobId = (job: MailJob): string => `mail-${job.emailId}`;

/** The SecretBox label of link tokens waiting in outbound_emails. */
export const MAIL_TOKEN_LABEL = 'outbound-mail-token';
