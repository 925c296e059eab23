import type { FieldProblem } from './app-error';

/**
 * Characters PostgreSQL refuses in text and jsonb (NUL), and UTF-16 halves that have no valid
 * UTF-8 form (an unpaired surrogate would be stored silently as U+FFFD).
 */
// eslint-disable-next-line no-control-regex -- NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** Every string in a parsed body, query or path value that PostgreSQL could not store, by field path. */
export function unstorableStrings(value: unknown, path: string): FieldProblem[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [{ field: path, message: `${path} ${MESSAGE}` }] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = path ? `${path}.${key}` : key;
    return [
      ...(UNSTORABLE.test(key) ? [{ field, message: `property name ${MESSAGE}` }] : []),
      ...unstorableStrings(child, field),
    ];
  });
}
