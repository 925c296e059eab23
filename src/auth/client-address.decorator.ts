import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The caller's address, for limits keyed by it. `request.ip` honours X-Forwarded-For only from
 * proxies trusted by TRUST_PROXY, so a client cannot choose its own.
 */
export const ClientAddress = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().ip,
);
