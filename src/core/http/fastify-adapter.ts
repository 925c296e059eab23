import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import { answerClientError, answerRouterError } from './framework-errors';
import { useJsonBodyParser } from './json-body-parser';
import { PinoLogger } from 'nestjs-pino';
import { logRequests } from '../logging/request-line';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';
import { parseTrustProxy } from './trust-proxy';

/**
 * Fastify as both processes use it: body limit, JSON as the one parsed body (depth-limited),
 * trusted proxies, errors the router and Node's parser raise in the error envelope, and the
 * request id, which Fastify assigns (the log lines and the error filter reuse it) and every
 * response echoes. The app is created with `bodyParser: false` so Nest adds no parser of its own.
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    genReqId: resolveRequestId,
    // Fastify would take the header verbatim; resolveRequestId reads it and keeps only sane values.
    requestIdHeader: false,
    logger: false,
    // No Nest middleware is mounted (the request line is a hook: core/logging), so middie, which
    // would run its hook on every request, is not registered.
    skipMiddie: true,
    frameworkErrors: answerRouterError,
    clientErrorHandler: answerClientError,
  });
  useJsonBodyParser(adapter.getInstance(), config.JSON_MAX_DEPTH);
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  logRequests(adapter.getInstance(), () => PinoLogger.root);
  return adapter;
}
