import type { ErrorCode, FieldProblem } from './app-error';

/** The body of every error response: `{ error: { code, message, requestId, details? } }`. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  details?: FieldProblem[];
}

/** The challenge of every 401 (RFC 9110 requires one); API keys are accepted as Bearer too. */
export const WWW_AUTHENTICATE = 'Bearer realm="deskbase"';

/** What an error response ever holds: the documented bounds, enforced by the filter. */
export const ERROR_LIMITS = { details: 100, field: 200, message: 500 } as const;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Field problems within ERROR_LIMITS: a body with thousands of bad keys gets a bounded answer. */
export const boundedDetails = (details: FieldProblem[]): FieldProblem[] =>
  details.slice(0, ERROR_LIMITS.details).map((problem) => ({
    ...problem,
    field: clip(problem.field, ERROR_LIMITS.field),
    message: clip(problem.message, ERROR_LIMITS.message),
  }));

export interface ErrorEnvelope {
  error: ErrorBody;
}

/** Fallback code and message per status, for errors that do not carry their own. */
export const ERRORS_BY_STATUS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'bad_request', message: 'Malformed request' },
  401: { code: 'unauthorized', message: 'Authentication required' },
  402: { code: 'payment_required', message: "The organization's plan does not allow this" },
  403: { code: 'forbidden', message: 'You are not allowed to do this' },
  404: { code: 'not_found', message: 'Route not found' },
  405: { code: 'bad_request', message: 'Method not allowed' },
  408: { code: 'bad_request', message: 'Request took too long to arrive' },
  409: { code: 'conflict', message: 'Conflict with the current state' },
  413: { code: 'payload_too_large', message: 'Request body is too large' },
  414: { code: 'bad_request', message: 'Request URL is too long' },
  415: { code: 'unsupported_media_type', message: 'Unsupported content type' },
  422: { code: 'validation_failed', message: 'Request validation failed' },
  429: { code: 'rate_limited', message: 'Too many requests, retry later' },
  431: { code: 'bad_request', message: 'Request headers are too large' },
  500: { code: 'internal_error', message: 'Internal server error' },
  503: { code: 'service_unavailable', message: 'Service temporarily unavailable' },
};
