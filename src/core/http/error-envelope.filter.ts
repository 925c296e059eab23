import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppError, AtCapacityError, RateLimitedError } from './app-error';
import { isDependencyUnavailable } from './dependency-unavailable';
import {
  boundedDetails,
  ERRORS_BY_STATUS,
  type ErrorBody,
  type ErrorEnvelope,
  WWW_AUTHENTICATE,
} from './error-envelope';

type Translated = Omit<ErrorBody, 'requestId'> & { status: number };

/** Framework errors (Fastify body parsing, Nest routing) carry a status but no envelope. */
const hasStatusCode = (error: unknown): error is Error & { statusCode: number } =>
  error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number';

/** Terminus reports failed checks as `{ error: { redis: { status: 'down', message } } }`. */
function healthDetails(response: unknown): ErrorBody['details'] {
  const failed = (response as { error?: Record<string, { message?: string }> } | null)?.error;
  if (!failed || typeof failed !== 'object') return undefined;
  return Object.entries(failed).map(([field, check]) => ({ field, message: check.message ?? 'down' }));
}

/** The envelope for a bare status; statuses outside the contract fold into 400 or 500. */
function fallback(status: number): Translated {
  const known = status in ERRORS_BY_STATUS ? status : status >= 500 ? 500 : 400;
  return { status: known, ...ERRORS_BY_STATUS[known] };
}

/**
 * The one place where any error becomes the error envelope. Client errors keep our own
 * messages; a lost PostgreSQL or Redis connection is a 503; anything else unexpected is logged
 * with its stack and answered with a generic 500.
 */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  constructor(@InjectPinoLogger('http') private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, ...body } = this.translate(exception);
    if (status === 503 && isDependencyUnavailable(exception)) {
      this.logger.warn({ err: exception }, 'http.dependency_unavailable');
    } else if (status >= 500 && !(exception instanceof AppError)) {
      this.logger.error({ err: exception }, 'http.unhandled_error');
    }
    if (exception instanceof RateLimitedError || exception instanceof AtCapacityError) {
      reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    if (status === 401) reply.header('WWW-Authenticate', WWW_AUTHENTICATE);
    if (reply.sent) return;
    const envelope: ErrorEnvelope = {
      error: { ...body, ...(body.details ? { details: boundedDetails(body.details) } : {}), requestId: request.id },
    };
    void reply.status(status).send(envelope);
  }

  private translate(exception: unknown): Translated {
    if (exception instanceof AppError) {
      const { status, code, message, details } = exception;
      return { status, code, message, ...(details ? { details } : {}) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const details = status === 503 ? healthDetails(exception.getResponse()) : undefined;
      return { ...fallback(status), ...(details ? { details } : {}) };
    }
    if (hasStatusCode(exception) && exception.statusCode < 500) return fallback(exception.statusCode);
    // PostgreSQL or Redis away: the client may retry, and nothing is wrong with its request or our code.
    if (isDependencyUnavailable(exception)) return fallback(503);
    return fallback(500);
  }
}
