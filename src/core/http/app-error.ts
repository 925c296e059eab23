/** One offending input field, as reported in `error.details`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A plan limit that a request would exceed, as reported in a `payment_required` error's details. */
export interface LimitProblem extends FieldProblem {
  limit: number;
  used: number;
  plan: string;
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'payment_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'rate_limited'
  | 'internal_error'
  | 'service_unavailable';

/**
 * Base of every error a service raises. Services know nothing of HTTP: the status lives here,
 * and the global filter turns it into the error envelope.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: ErrorCode;

  constructor(
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An AppError class for one status whose message, when none is given, is `fallback`. */
const errorWithDefault = (status: number, code: ErrorCode, fallback: string) =>
  class extends AppError {
    readonly status = status;
    readonly code = code;
    constructor(message = fallback, details?: FieldProblem[]) {
      super(message, details);
    }
  };

/** A request the server cannot read at all (JSON nested too deep, a broken multipart body). */
export class BadRequestError extends errorWithDefault(400, 'bad_request', 'Malformed request') {}

export class UnauthorizedError extends errorWithDefault(401, 'unauthorized', 'Authentication required') {}

/** The organization's plan does not allow more of something; the details name the limit, the usage and the plan. */
export class PaymentRequiredError extends AppError {
  readonly status = 402;
  readonly code = 'payment_required';
  constructor(message: string, details: LimitProblem[]) {
    super(message, details);
  }
}

export class ForbiddenError extends errorWithDefault(403, 'forbidden', 'You are not allowed to do this') {}

/** `new NotFoundError('Ticket')` reads "Ticket not found", whether it is missing or another tenant's. */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(thing = 'Resource') {
    super(`${thing} not found`);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
}

export class PayloadTooLargeError extends errorWithDefault(413, 'payload_too_large', 'Request body is too large') {}

export class UnsupportedMediaTypeError extends errorWithDefault(
  415,
  'unsupported_media_type',
  'Unsupported content type',
) {}

export class ValidationFailedError extends AppError {
  readonly status = 422;
  readonly code = 'validation_failed';
  constructor(details: FieldProblem[], message = 'Request validation failed') {
    super(message, details);
  }
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests, retry later');
  }
}

/** The server is at capacity for this kind of work right now: the same request can succeed shortly. */
export class AtCapacityError extends AppError {
  readonly status = 503;
  readonly code = 'service_unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class ServiceUnavailableError extends errorWithDefault(
  503,
  'service_unavailable',
  'Service temporarily unavailable',
) {}
