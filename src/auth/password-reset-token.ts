import { randomToken, sha256 } from '../core/crypto/secret-token';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PATTERN = new RegExp(`^rst_(${UUID})\\.(${UUID})\\.([A-Za-z0-9_-]{43})$`);

export interface PasswordResetToken {
  organizationId: string;
  userId: string;
  /** SHA-256 of the secret part: what the user row keeps. */
  secretHash: string;
}

/**
 * `rst_<organization>.<user>.<secret>`: the ids let the confirmation run in the user's tenant
 * transaction without a look-up across organizations; only the secret's hash is stored.
 */
export function newPasswordResetToken(organizationId: string, userId: string): { token: string; secretHash: string } {
  const secret = randomToken(32);
  return { token: `rst_${organizationId}.${userId}.${secret}`, secretHash: sha256(secret) };
}

export function parsePasswordResetToken(token: string): PasswordResetToken | null {
  const match = PATTERN.exec(token);
  return match ? { organizationId: match[1], userId: match[2], secretHash: sha256(match[3]) } : null;
}
