import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../src/core/queue/queue-names';
import { MailReconciler } from '../src/mail/mail-reconciler';
import { ApiClient, signUp, uniqueEmail } from './support/api-client';
import { sql } from './support/database';
import { eventually } from './support/eventually';
import { MailCatcher } from './support/mail-catcher';
import { startMailStack, type MailStack } from './support/mail-stack';

/**
 * Mail end to end: the API records and queues, the worker (in this process) renders and sends
 * through a real SMTP server, and the test reads what arrived.
 */
describe('outbound mail', () => {
  let stack: MailStack;
  let api: ApiClient;
  let catcher: MailCatcher;

  beforeAll(async () => {
    stack = await startMailStack({
      MAIL_FROM: 'Deskbase Test <no-reply@deskbase.test>',
      PUBLIC_APP_URL: 'https://app.deskbase.test/base/',
    });
    ({ api, catcher } = stack);
  });
  afterAll(() => stack?.stop());

  describe('invitation', () => {
    it('mails the invitee a link whose token accepts the invitation; the answer no longer carries the token', async () => {
      const owner = await signUp(api, 'mail-inviter', catcher);
      const email = uniqueEmail('mail-invitee');
      const invited = await api.post<{ data: Record<string, unknown> }>('/v1/invitations', {
        token: owner.accessToken,
        body: { email, role: 'admin' },
      });
      expect(invited.status).toBe(201);
      expect(invited.body.data.token).toBeUndefined();

      const mail = await catcher.waitFor(email, /invited to join Org mail-inviter/);
      expect(mail.parsed.from?.value[0]).toMatchObject({ name: 'Deskbase Test', address: 'no-reply@deskbase.test' });
      expect(mail.text).toContain('Owner mail-inviter invited you to join Org mail-inviter on Deskbase as admin');
      expect(mail.text).toMatch(/https:\/\/app\.deskbase\.test\/base\/accept-invitation\?token=inv_/);
      expect(mail.html).toContain('href="https://app.deskbase.test/base/accept-invitation?token=inv_');
      expect(mail.html).not.toMatch(/<img|<link|src=/i);
      expect(mail.messageId).toMatch(/@deskbase\.mail>?$/);

      const token = MailCatcher.tokenOf(mail);
      const accepted = await api.post<{ data: { user: { email: string; role: string } } }>('/v1/invitations/accept', {
        body: { token, name: 'Mailed Invitee', password: 'a fine passphrase' },
      });
      expect(accepted.status).toBe(201);
      expect(accepted.body.data.user).toMatchObject({ email, role: 'admin' });
      expect(
        (await api.post('/v1/invitations/accept', { body: { token, name: 'Again', password: 'a fine passphrase' } }))
          .status,
      ).toBe(404);
    });

    it('keeps no usable token at rest: the sealed link is erased once sent, the body is never stored', async () => {
      const owner = await signUp(api, 'mail-rest', catcher);
      const email = uniqueEmail('mail-rest-invitee');
      await api.post('/v1/invitations', { token: owner.accessToken, body: { email, role: 'member' } });
      const token = MailCatcher.tokenOf(await catcher.waitFor(email, /invited/));
      let rows: Array<Record<string, unknown>> = [];
      for (let i = 0; i < 50; i++) {
        rows = await sql('SELECT * FROM outbound_emails WHERE recipient = $1', [email]);
        if (rows[0]?.sent_at) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        template: 'invitation',
        organization_id: owner.organizationId,
        sealed_token: null,
      });
      expect(rows[0].sent_at).toBeInstanceOf(Date);
      expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    });
  });

  it('tells every owner about a new API key, naming it and its prefix but never the key', async () => {
    const owner = await signUp(api, 'mail-key', catcher);
    const created = await api.post<{ data: { key: string; prefix: string } }>('/v1/api-keys', {
      token: owner.accessToken,
      body: { name: 'Nightly export', role: 'member' },
    });
    const mail = await catcher.waitFor(owner.email, /New API key in Org mail-key/);
    expect(mail.text).toContain('"Nightly export"');
    expect(mail.text).toContain(created.body.data.prefix);
    expect(mail.text).not.toContain(created.body.data.key);
    expect(mail.html).not.toContain(created.body.data.key);
  });

  describe('delivery', () => {
    const sentAt = async (email: string): Promise<unknown> =>
      (await sql<{ sent_at: Date | null }>('SELECT sent_at FROM outbound_emails WHERE recipient = $1', [email]))[0]
        ?.sent_at;

    it('retries a transient SMTP failure with backoff and delivers the mail once', async () => {
      const owner = await signUp(api, 'mail-retry', catcher);
      const email = uniqueEmail('mail-retry-invitee');
      catcher.refuse(email, 421);
      await api.post('/v1/invitations', { token: owner.accessToken, body: { email, role: 'member' } });
      await catcher.waitFor(email, /invited/, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(catcher.mails.filter((mail) => mail.to === email)).toHaveLength(1);
      expect(await sentAt(email)).toBeInstanceOf(Date);
    });

    it('gives up at once on a permanent refusal, and leaves the mail unsent', async () => {
      const owner = await signUp(api, 'mail-refused', catcher);
      const email = uniqueEmail('mail-refused-invitee');
      catcher.refuse(email, 550);
      await api.post('/v1/invitations', { token: owner.accessToken, body: { email, role: 'member' } });
      const other = uniqueEmail('mail-after-refusal');
      await api.post('/v1/invitations', { token: owner.accessToken, body: { email: other, role: 'member' } });
      await catcher.waitFor(other, /invited/);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(catcher.mails.filter((mail) => mail.to === email)).toHaveLength(0);
      expect(await sentAt(email)).toBeNull();
    });

    it('queues again a recorded mail that never reached the queue, and leaves one refused for good alone', async () => {
      const owner = await signUp(api, 'mail-lost', catcher);
      const queue = stack.worker.get<Queue>(getQueueToken(QUEUES.mail));
      const refused = uniqueEmail('mail-refused-for-good');
      catcher.refuse(refused, 550);
      await api.post('/v1/invitations', { token: owner.accessToken, body: { email: refused, role: 'member' } });
      const [refusedRow] = await sql<{ id: string }>('SELECT id FROM outbound_emails WHERE recipient = $1', [refused]);
      const refusedJob = await eventually(
        () => queue.getJobState(`mail-${refusedRow.id}`),
        (state) => state === 'failed',
      );
      expect(refusedJob).toBe('failed');

      // What a Redis outage at enqueue time leaves behind: the mail recorded, and no job for it.
      const lost = uniqueEmail('mail-lost');
      await sql(
        `INSERT INTO outbound_emails (id, organization_id, recipient, template, params, created_at)
         VALUES (gen_random_uuid(), $1, $2, 'password-changed', '{"changedAt":"2026-11-26T08:00:00.000Z"}', now() - interval '10 minutes')`,
        [owner.organizationId, lost],
      );
      await sql(`UPDATE outbound_emails SET created_at = now() - interval '10 minutes' WHERE recipient = $1`, [
        refused,
      ]);

      const reconciler = stack.worker.get(MailReconciler);
      expect(await reconciler.runOnce()).toBe(1);
      expect((await catcher.waitFor(lost, /password was changed/)).text).toContain('2026-11-26T08:00:00.000Z');
      expect(await eventually(() => sentAt(lost), Boolean)).toBeInstanceOf(Date);
      expect(await reconciler.runOnce()).toBe(0);
      expect(catcher.mails.filter((mail) => mail.to === refused)).toHaveLength(0);
    });
  });
});
