import type { IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

export const REQUEST_ID_HEADER = 'x-request-id';

export const MAX_REQUEST_ID_LENGTH = 128;

// A caller-supplied id is kept only if it is short and plain, so it cannot inject into logs.
const SANE_REQUEST_ID = new RegExp(`^[A-Za-z0-9._:-]{1,${MAX_REQUEST_ID_LENGTH}}$`);

/** The caller's X-Request-Id when it is sane, a fresh UUIDv7 otherwise. */
export function resolveRequestId(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : uuidv7();
}
