import { IsOptional, Matches } from 'class-validator';
import { IntSetting, type SettingsBase, TextSetting } from './setting-kinds';

/** Signing in and staying signed in: tokens, invitations, the tenant's host name, rate limits. */
export const IdentitySettings = <Base extends SettingsBase>(base: Base) => {
  class Identity extends base {
    /** HMAC key of access tokens (HS256). At least 32 characters; rotating it signs everyone out. */
    @TextSetting(32, 'JWT_SECRET must be at least 32 characters') JWT_SECRET: string;

    @TextSetting() JWT_ISSUER = 'deskbase';
    @TextSetting() JWT_AUDIENCE = 'deskbase-api';
    @IntSetting(60, 86_400) JWT_ACCESS_TTL_SECONDS = 900;
    @IntSetting(1, 365) REFRESH_TOKEN_TTL_DAYS = 30;
    @IntSetting(1, 720) INVITATION_TTL_HOURS = 72;

    /**
     * Tenant from the host name: with `deskbase.example.com`, a request to
     * `<slug>.deskbase.example.com` belongs to that organization (others' credentials get 401, and
     * login and refresh there accept only its users). Unset: the host plays no part.
     */
    @IsOptional()
    @Matches(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, {
      message: 'TENANT_BASE_DOMAIN must be a domain name such as deskbase.example.com',
    })
    TENANT_BASE_DOMAIN?: string;

    /**
     * Invitations one organization may send per window; the next is 429. Bounds what a stolen
     * admin credential can mail out, and how fast anyone can probe addresses through invitations.
     */
    @IntSetting(1) INVITATION_RATE_LIMIT_PER_ORGANIZATION = 50;
    @IntSetting(60, 86_400) INVITATION_RATE_LIMIT_WINDOW_SECONDS = 3_600;

    /** Attempts at login, signup, refresh and invitation acceptance per client address per window. */
    @IntSetting(1) AUTH_RATE_LIMIT_PER_IP = 30;

    /**
     * Attempts on one account (email, or invitation) from one client address per window; the next
     * is 429. Keyed by both, so someone guessing elsewhere never spends the owner's attempts.
     */
    @IntSetting(1) AUTH_RATE_LIMIT_PER_ACCOUNT = 10;

    /**
     * Attempts on one account from all addresses together, per AUTH_SLOWDOWN_WINDOW_SECONDS,
     * before each further attempt is delayed (250 ms, doubling, up to AUTH_SLOWDOWN_MAX_MS).
     * Delayed, never refused: a distributed guesser slows down without locking the owner out.
     */
    @IntSetting(1) AUTH_SLOWDOWN_AFTER = 20;
    @IntSetting(60, 86_400) AUTH_SLOWDOWN_WINDOW_SECONDS = 3_600;
    @IntSetting(0, 60_000) AUTH_SLOWDOWN_MAX_MS = 10_000;
    @IntSetting(1, 86_400) AUTH_RATE_LIMIT_WINDOW_SECONDS = 300;
  }
  return Identity;
};
