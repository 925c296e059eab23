import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  parsed: ParsedMail;
}

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  /** Per recipient, SMTP reply codes to answer its next messages with instead of accepting them. */
  private readonly refusals = new Map<string, number[]>();
  private server?: SMTPServer;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value[0]?.address ?? '';
            const refusal = this.refusals.get(to)?.shift();
            if (refusal) {
              const error = Object.assign(new Error('refused by the test'), { responseCode: refusal });
              callback(error);
              return;
            }
            this.mails.push({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** Refuses the next messages to `to` with these SMTP reply codes, one per message. */
  refuse(to: string, ...codes: number[]): void {
    this.refusals.set(to, [...(this.refusals.get(to) ?? []), ...codes]);
  }

  /** The first mail to `to` matching `subject`, waiting for the worker to send it. */
  async waitFor(to: string, subject: RegExp, timeoutMs = 10_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find((mail) => mail.to === to && subject.test(mail.subject));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${String(subject)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The `token` query parameter of the first link in a mail's text. */
  static tokenOf(mail: CaughtMail): string {
    const url = /https?:\/\/\S+/.exec(mail.text)?.[0];
    const token = url ? new URL(url).searchParams.get('token') : null;
    if (!token) throw new Error('the mail has no link with a token');
    return token;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
