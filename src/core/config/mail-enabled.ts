import type { AppConfig } from './app-config';

/** Mail goes out when a server is configured and mail is not turned off on purpose. */
export const mailEnabled = (config: AppConfig): boolean => !!config.SMTP_URL && !config.MAIL_DISABLED;
