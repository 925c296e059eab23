import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;
/** A code of the previous or next 30-second step is accepted too: clocks drift. */
const WINDOW = 1;

const totpFor = (base32Secret: string, label = 'Deskbase'): TOTP =>
  new TOTP({
    issuer: 'Deskbase',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(base32Secret),
  });

/** A new 160-bit seed (RFC 4226's recommended size), base32 as authenticator apps take it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** What an authenticator app scans or imports: `otpauth://totp/Deskbase:<account>?secret=...`. */
export const totpUrl = (base32Secret: string, account: string): string => totpFor(base32Secret, account).toString();

/**
 * The time step a code belongs to when it is valid at `nowMs` and newer than `lastUsedStep`,
 * else null. Recording the step makes each code single-use: a code seen once (or an older one)
 * is refused, even inside its 30 seconds.
 */
export function acceptedTotpStep(
  base32Secret: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(base32Secret).validate({ token: code, timestamp: nowMs, window: WINDOW });
  if (delta === null) return null;
  const step = Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

/** The code an authenticator shows at `nowMs` (tests, and nothing else). */
export const totpCodeAt = (base32Secret: string, nowMs: number): string =>
  totpFor(base32Secret).generate({ timestamp: nowMs });
