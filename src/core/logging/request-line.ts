import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGED_HEADERS } from './redaction';
import { type RequestLogFields, runWithRequestLogFields } from './request-log-fields';

const FIELDS = Symbol('requestLogFields');

type Logged = FastifyRequest & { [FIELDS]?: RequestLogFields };

/** A fixed few headers (the credential ones are censored by REDACTED_PATHS), not the whole set. */
function loggedHeaders(headers: FastifyRequest['headers']): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) picked[name] = headers[name];
  return picked;
}

const levelOf = (status: number): 'error' | 'warn' | 'info' =>
  status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';

/**
 * One line a request, written by the root logger when the response has gone: request id, the
 * caller, method, route template (never the query string, which can carry tokens), a few
 * headers, status and duration. Lines written inside the request carry its fields through the
 * logger's mixin (request-log-fields). Probes are left out: they would drown the useful lines.
 */
export function logRequests(fastify: FastifyInstance, rootLogger: () => Logger): void {
  fastify.addHook('onRequest', (request: Logged, _reply, done) => {
    const fields: RequestLogFields = { requestId: request.id };
    request[FIELDS] = fields;
    runWithRequestLogFields(fields, done);
  });
  fastify.addHook('onResponse', (request: Logged, reply: FastifyReply, done) => {
    const fields = request[FIELDS];
    if (fields && !request.url.startsWith('/health')) writeRequestLine(rootLogger(), request, reply, fields);
    done();
  });
}

function writeRequestLine(
  logger: Logger,
  request: FastifyRequest,
  reply: FastifyReply,
  fields: RequestLogFields,
): void {
  const status = reply.statusCode;
  logger[levelOf(status)](
    {
      // Every field named, so the mixin's (whatever request is current here) never shows through.
      requestId: fields.requestId,
      organizationId: fields.organizationId,
      userId: fields.userId,
      apiKeyId: fields.apiKeyId,
      req: {
        method: request.method,
        url: request.routeOptions.url ?? request.url.split('?')[0],
        headers: loggedHeaders(request.headers),
      },
      res: { statusCode: status },
      responseTime: Math.round(reply.elapsedTime),
    },
    'request completed',
  );
}
