import { randomToken } from '../core/crypto/secret-token';

/** `dsk_<12-char prefix>_<43-char secret>`: recognizable by secret scanners, split at the underscores. */
const KEY_PATTERN = /^dsk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export const isApiKeyFormat = (value: string): boolean => value.startsWith('dsk_');

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function generateApiKey(): { key: string; prefix: string; secret: string } {
  const prefix = randomToken(12)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 12)
    .padEnd(12, '0');
  const secret = randomToken(32);
  return { key: `dsk_${prefix}_${secret}`, prefix, secret };
}
