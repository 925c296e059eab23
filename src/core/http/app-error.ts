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

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly code = 'bad_request';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
  constructor(message = 'Authentication required') {
    super(message);
  }
}

/** The organization's plan does not allow more of something; the details name the limit, the usage and the plan. */
export class PaymentRequiredError extends AppError {
  readonly status = 402;
  readonly code = 'payment_required';
  constructor(message: string, details: LimitProblem[]) {
    super(message, details);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(message = 'You are not allowed to do this') {
    super(message);
  }
}

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

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  constructor(message = 'Request body is too large') {
    super(message);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  constructor(message = 'Unsupported content type') {
    super(message);
  }
}

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

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'service_unavailable';
  constructor(message = 'Service temporarily unavailable', details?: FieldProblem[]) {
    super(message, details);
  }
}
