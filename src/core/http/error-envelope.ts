import type { ErrorCode, FieldProblem } from './app-error';

/** The body of every error response: `{ error: { code, message, requestId, details? } }`. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  details?: FieldProblem[];
}

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
  409: { code: 'conflict', message: 'Conflict with the current state' },
  413: { code: 'payload_too_large', message: 'Request body is too large' },
  415: { code: 'unsupported_media_type', message: 'Unsupported content type' },
  422: { code: 'validation_failed', message: 'Request validation failed' },
  429: { code: 'rate_limited', message: 'Too many requests, retry later' },
  500: { code: 'internal_error', message: 'Internal server error' },
  503: { code: 'service_unavailable', message: 'Service temporarily unavailable' },
};
