import { MAIL_TEMPLATES, type MailTemplate } from './mail-template';
import { renderMail } from './render-mail';

const params = {
  organizationName: 'Acme <script>alert(1)</script>',
  inviterName: 'Ada "the admin"',
  role: 'admin',
  expiresAt: '2026-11-29T10:00:00.000Z',
  validMinutes: '30',
  changedAt: '2026-11-26T10:00:00.000Z',
  keyName: 'Zendesk & sync',
  prefix: 'a1B2c3D4e5F6',
  createdAt: '2026-11-26T10:00:00.000Z',
};
const LINKED: MailTemplate[] = ['signup-confirmation', 'invitation', 'password-reset'];
const link = 'https://app.example.com/accept-invitation?token=inv_abc&x=<y>';

describe('renderMail', () => {
  it.each(MAIL_TEMPLATES)('%s: subject, text and HTML, with nothing fetched from elsewhere', (template) => {
    const mail = renderMail(template, { params, link: LINKED.includes(template) ? link : undefined });
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.text).toContain('Deskbase');
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).not.toMatch(/<img|<link|<script|@import|url\(/i);
    expect(mail.html).not.toMatch(/src=/i);
    expect(mail.text).not.toContain('undefined');
  });

  it('puts the link with its token in both bodies, escaped in the HTML', () => {
    for (const template of LINKED) {
      const mail = renderMail(template, { params, link });
      expect(mail.text).toContain(link);
      expect(mail.html).toContain('href="https://app.example.com/accept-invitation?token=inv_abc&amp;x=&lt;y&gt;"');
    }
  });

  it('escapes every value in the HTML', () => {
    const invitation = renderMail('invitation', { params, link });
    expect(invitation.html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(invitation.html).toContain('Ada &quot;the admin&quot;');
    expect(renderMail('api-key-created', { params }).html).toContain('Zendesk &amp; sync');
  });

  it('refuses to render a linked mail without its link', () => {
    expect(() => renderMail('password-reset', { params })).toThrow(/needs a link/);
  });
});
