/**
 * Paths pino censors before a line is written: a fixed list, compiled once (wildcard paths make
 * every line walk its objects, about three times the cost of the line itself). The request's
 * credential headers, and secrets a service logs by mistake as top-level fields. Services log
 * ids, never objects that carry credentials. Extend here, nowhere else.
 */
export const SECRET_KEYS = [
  'password',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'key',
  'secret',
  'authorization',
  'cookie',
];

/** The request headers a request line carries: the credential ones only ever as the censor. */
export const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'authorization', 'cookie', 'x-api-key'];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["stripe-signature"]',
  ...SECRET_KEYS,
];

export const REDACTION_CENSOR = '[redacted]';
