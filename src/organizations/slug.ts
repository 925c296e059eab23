import { randomBytes } from 'node:crypto';

const BASE_MAX = 60;
/** The base, a dash and six hex digits. */
export const SLUG_MAX = BASE_MAX + 7;

/** A URL-friendly slug from a name, with a short random suffix so two "Acme"s never collide. */
export function slugFor(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, BASE_MAX);
  return `${base || 'org'}-${randomBytes(3).toString('hex')}`;
}
