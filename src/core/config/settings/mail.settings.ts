import { IsOptional } from 'class-validator';
import { FlagSetting, IntSetting, type SettingsBase, TextSetting, UrlSetting } from './setting-kinds';

/** Outbound mail, and where its links lead. */
export const MailSettings = <Base extends SettingsBase>(base: Base) => {
  class Mail extends base {
    /**
     * Outbound mail server, e.g. `smtp://user:pass@mail.internal:587` or `smtps://...:465`.
     * Required in production unless MAIL_DISABLED=true. Unset outside production: no mail is sent.
     */
    @IsOptional() @UrlSetting('smtp', 'smtps') SMTP_URL?: string;

    /** Turns outbound mail off on purpose; invitation answers then carry the token to pass on by hand. */
    @FlagSetting() MAIL_DISABLED = false;

    /** The From header of every mail. */
    @TextSetting(3) MAIL_FROM = 'Deskbase <no-reply@localhost>';

    /** How often the worker looks for recorded mails that never reached the queue. */
    @IntSetting(1_000) MAIL_RECONCILE_INTERVAL_MS = 60_000;

    /** A recorded mail still unsent this long after it was written is checked by the reconciler. */
    @IntSetting(1_000) MAIL_STALE_AFTER_MS = 300_000;

    /** Where people open the app: the base of the links in mails (`?token=` is appended). */
    @UrlSetting('http', 'https') PUBLIC_APP_URL = 'http://localhost:3000';
  }
  return Mail;
};
