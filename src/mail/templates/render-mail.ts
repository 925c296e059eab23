import type { MailContext, MailTemplate, RenderedMail } from './mail-template';

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

interface MailContent {
  subject: string;
  /** Paragraphs, in plain text. */
  lines: string[];
  action?: { label: string; url: string };
  /** The closing paragraph: why they got it, what to do if it was not them. */
  footer: string;
}

const NOT_YOU = 'If this was not you, reset your password and contact your organization owner at once.';

function content(template: MailTemplate, { params, link }: MailContext): MailContent {
  const required = (url: string | undefined): string => {
    if (!url) throw new Error(`The ${template} mail needs a link`);
    return url;
  };
  switch (template) {
    case 'signup-confirmation':
      return {
        subject: `Confirm your new Deskbase organization ${params.organizationName}`,
        lines: [
          `Someone asked to create the Deskbase organization ${params.organizationName} with this address as its owner.`,
          `To finish, open the link and enter the password chosen at signup. It works once, for ${params.validMinutes} minutes.`,
        ],
        action: { label: 'Confirm and sign in', url: required(link) },
        footer: 'If you did not sign up, ignore this mail: nothing is created unless the link is used.',
      };
    case 'signup-existing-account':
      return {
        subject: 'You already have a Deskbase account',
        lines: [
          'Someone asked to create a new Deskbase organization with this address, which already has an account.',
          'Sign in with it instead; if you forgot your password, ask for a reset from the sign-in page.',
        ],
        footer: 'If this was not you, nothing was changed and there is nothing to do.',
      };
    case 'invitation':
      return {
        subject: `You are invited to join ${params.organizationName} on Deskbase`,
        lines: [
          `${params.inviterName} invited you to join ${params.organizationName} on Deskbase as ${params.role}.`,
          `The invitation expires on ${params.expiresAt}.`,
        ],
        action: { label: 'Accept the invitation', url: required(link) },
        footer: 'If you did not expect this invitation, ignore this mail: nothing happens unless you accept it.',
      };
    case 'password-reset':
      return {
        subject: 'Reset your Deskbase password',
        lines: [
          'Someone asked to reset the password of your Deskbase account.',
          `The link works once, for ${params.validMinutes} minutes. Using it signs you out everywhere.`,
        ],
        action: { label: 'Choose a new password', url: required(link) },
        footer: 'If you did not ask for this, ignore this mail: your password stays as it is.',
      };
    case 'password-changed':
      return {
        subject: 'Your Deskbase password was changed',
        lines: [`The password of your Deskbase account was changed on ${params.changedAt}. Other sessions were ended.`],
        footer: NOT_YOU,
      };
    case 'two-factor-enabled':
      return {
        subject: 'Two-factor authentication is on',
        lines: [`Two-factor authentication was turned on for your Deskbase account on ${params.changedAt}.`],
        footer: NOT_YOU,
      };
    case 'two-factor-disabled':
      return {
        subject: 'Two-factor authentication is off',
        lines: [`Two-factor authentication was turned off for your Deskbase account on ${params.changedAt}.`],
        footer: NOT_YOU,
      };
    case 'api-key-created':
      return {
        subject: `New API key in ${params.organizationName}`,
        lines: [
          `A new ${params.role} API key "${params.keyName}" (prefix ${params.prefix}) was created in ${params.organizationName} on ${params.createdAt}.`,
          'It acts as your organization with that role until it expires or is revoked.',
        ],
        footer: 'If nobody in your organization created it, revoke it from the API keys list at once.',
      };
  }
}

const text = (mail: MailContent): string =>
  [...mail.lines, ...(mail.action ? [`${mail.action.label}: ${mail.action.url}`] : []), mail.footer, '— Deskbase'].join(
    '\n\n',
  );

// Inline styles only: no stylesheet, image or font is fetched from anywhere.
const html = (mail: MailContent): string => {
  const paragraph = (line: string) => `<p style="margin:0 0 16px">${escapeHtml(line)}</p>`;
  const action = mail.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(mail.action.url)}" style="background:#1f4fd8;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(mail.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555555">Or open this address: ${escapeHtml(mail.action.url)}</p>`
    : '';
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f5f6f8;font-family:Arial,Helvetica,sans-serif;color:#1b1f24">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px">',
    mail.lines.map(paragraph).join(''),
    action,
    `<p style="margin:24px 0 0;font-size:13px;color:#555555">${escapeHtml(mail.footer)}</p>`,
    '</div></body></html>',
  ].join('');
};

/** The subject, plain-text and HTML bodies of one mail. Every value is escaped in the HTML. */
export function renderMail(template: MailTemplate, context: MailContext): RenderedMail {
  const mail = content(template, context);
  return { subject: mail.subject, text: text(mail), html: html(mail) };
}
