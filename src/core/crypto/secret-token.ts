import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token with `bytes` of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * How refresh tokens, invitation tokens and API key secrets are stored. They carry 256 bits of
 * entropy, so a plain SHA-256 cannot be brute-forced; a slow hash would only cost latency.
 */
export const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Compares two hex digests in constant time. */
export const sameDigest = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
