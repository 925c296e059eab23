export const MAIL_TEMPLATES = [
  'signup-confirmation',
  'signup-existing-account',
  'invitation',
  'password-reset',
  'password-changed',
  'two-factor-enabled',
  'two-factor-disabled',
  'api-key-created',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a template gets: its parameters, and the link (base + `?token=`) when the mail carries one. */
export interface MailContext {
  params: Record<string, string>;
  link?: string;
}
