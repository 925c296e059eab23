import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { answerClientError, answerRouterError } from './framework-errors';
import { useJsonBodyParser } from './json-body-parser';
import { PinoLogger } from 'nestjs-pino';
import { logRequests } from '../logging/request-line';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';
import { envelope } from './response-envelope';
import { parseTrustProxy } from './trust-proxy';

/**
 * Nest sends what a handler returned through `reply`: the envelope is put on there, instead of
 * by a global interceptor, whose observable chain (rxjs `defer`, `mergeAll`, two async scopes)
 * Nest would build on every request. Errors leave through the error filter, not through here.
 */
class EnvelopingFastifyAdapter extends FastifyAdapter {
  override reply(response: FastifyReply, body: unknown, statusCode?: number): FastifyReply {
    // A handler that wrote the reply itself (a stream of events) is left alone.
    return super.reply(response, response.sent ? body : envelope(body), statusCode);
  }
}

/**
 * Fastify as both processes use it: body limit, JSON as the one parsed body (depth-limited),
 * trusted proxies, the response envelope, errors the router and Node's parser raise in the error envelope, and the
 * request id, which Fastify assigns (the log lines and the error filter reuse it) and every
 * response echoes. The app is created with `bodyParser: false` so Nest adds no parser of its own.
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new EnvelopingFastifyAdapter({
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
