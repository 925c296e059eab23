import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import { setRouteTemplate } from '../logging/route-template';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';
import { parseTrustProxy } from './trust-proxy';

/**
 * Fastify as both processes use it: body limit, trusted proxies, and the request id, which
 * Fastify assigns (pino-http and the error filter reuse it) and every response echoes.
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    genReqId: resolveRequestId,
    // Fastify would take the header verbatim; resolveRequestId reads it and keeps only sane values.
    requestIdHeader: false,
    logger: false,
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    setRouteTemplate(request.raw, request.routeOptions.url);
    done();
  });
  return adapter;
}
