import type { FieldProblem } from './app-error';

const MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/**
 * Whether PostgreSQL can store the text in text and jsonb: no NUL (refused), and no unpaired
 * UTF-16 half (it has no UTF-8 form and would be stored silently as U+FFFD).
 */
const storable = (text: string): boolean => !text.includes('\u0000') && text.isWellFormed();

/** Whether any string or property name in the value is unstorable. Allocates little: every request passes here. */
function holdsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return !storable(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsUnstorable);
  for (const key of Object.keys(value)) {
    if (!storable(key) || holdsUnstorable((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function problemsIn(value: unknown, path: string): FieldProblem[] {
  if (typeof value === 'string') return storable(value) ? [] : [{ field: path, message: `${path} ${MESSAGE}` }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = path ? `${path}.${key}` : key;
    return [...(storable(key) ? [] : [{ field, message: `property name ${MESSAGE}` }]), ...problemsIn(child, field)];
  });
}

/** Every string in a parsed body, query or path value that PostgreSQL could not store, by field path. */
export function unstorableStrings(value: unknown, path: string): FieldProblem[] {
  return holdsUnstorable(value) ? problemsIn(value, path) : [];
}
