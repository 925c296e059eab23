import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { HostScoped } from './host-tenant';

/**
 * The caller's address, for limits keyed by it. `request.ip` honours X-Forwarded-For only from
 * proxies trusted by TRUST_PROXY, so a client cannot choose its own.
 */
/** The organization the request's host names (TENANT_BASE_DOMAIN), set by the auth guard on every route. */
export const HostOrganization = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<HostScoped>().hostOrganizationId,
);

export const ClientAddress = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().ip,
);
