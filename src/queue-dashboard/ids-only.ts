/** What the dashboard shows instead of a payload field that is not an identifier. */
export const HIDDEN = '[hidden]';

const isIdentifierKey = (key: string): boolean => key === 'id' || /Ids?$/.test(key);

/**
 * A job payload as the dashboard shows it: identifiers, numbers and flags stay (that is what a
 * payload should hold); anything else is hidden, so a payload that carries content by mistake
 * still does not put it on an operator's screen.
 */
export function idsOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idsOnly);
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? HIDDEN : value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, field]) => [
      key,
      typeof field === 'string' ? (isIdentifierKey(key) ? field : HIDDEN) : idsOnly(field),
    ]),
  );
}
