import { randomToken, sameDigest, sha256 } from '../core/crypto/secret-token';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The single-use links mailed to a user: `rst` resets a password, `cnf` confirms a signup. */
export type UserLinkKind = 'rst' | 'cnf';

export interface UserLinkToken {
  organizationId: string;
  userId: string;
  /** SHA-256 of the secret part: what the user row keeps. */
  secretHash: string;
}

/**
 * `<kind>_<organization>.<user>.<secret>`: the ids let the link be used in the user's tenant
 * transaction without a look-up across organizations; only the secret's hash is stored.
 */
export function newUserLinkToken(
  kind: UserLinkKind,
  organizationId: string,
  userId: string,
): { token: string; secretHash: string } {
  const secret = randomToken(32);
  return { token: `${kind}_${organizationId}.${userId}.${secret}`, secretHash: sha256(secret) };
}

export function parseUserLinkToken(kind: UserLinkKind, token: string): UserLinkToken | null {
  const match = new RegExp(`^${kind}_(${UUID})\\.(${UUID})\\.([A-Za-z0-9_-]{43})$`).exec(token);
  return match ? { organizationId: match[1], userId: match[2], secretHash: sha256(match[3]) } : null;
}

/** Whether a link's secret matches the one the user row keeps (`storedHash`), before it expires. */
export function linkStillValid(storedHash: string | null, expiresAt: Date | null, secretHash: string): boolean {
  return !!storedHash && sameDigest(storedHash, secretHash) && !!expiresAt && expiresAt > new Date();
}
