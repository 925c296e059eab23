import { AsyncLocalStorage } from 'node:async_hooks';

/** What every line written inside a request carries: its id, and the caller once the guard knows it. */
export interface RequestLogFields {
  requestId: string;
  organizationId?: string;
  userId?: string;
  apiKeyId?: string;
}

const current = new AsyncLocalStorage<RequestLogFields>();

/** Runs the rest of a request with its fields in scope: one store a request, no child loggers. */
export function runWithRequestLogFields(fields: RequestLogFields, next: () => void): void {
  current.run(fields, next);
}

/** Adds the caller to the current request's fields (outside a request there is nothing to add to). */
export function assignRequestLogFields(fields: Omit<RequestLogFields, 'requestId'>): void {
  const store = current.getStore();
  if (store) Object.assign(store, fields);
}

/**
 * pino's `mixin`: the current request's fields, merged into each line as it is written. A copy,
 * since pino merges the line's own fields into what the mixin returns.
 */
export function requestLogMixin(): Partial<RequestLogFields> {
  const store = current.getStore();
  return store ? { ...store } : {};
}
