import type { MailTemplate } from './templates/mail-template';

/** The page of the app each linked mail opens; the token goes in the `token` query parameter. */
const LINK_PATHS: Partial<Record<MailTemplate, string>> = {
  'signup-confirmation': 'confirm-signup',
  invitation: 'accept-invitation',
  'password-reset': 'reset-password',
};

export function linkFor(baseUrl: string, template: MailTemplate, token: string): string {
  const path = LINK_PATHS[template];
  if (!path) throw new Error(`The ${template} mail carries no link`);
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('token', token);
  return url.toString();
}
