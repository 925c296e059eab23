import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { ForbiddenError, UnauthorizedError } from '../core/http/app-error';
import { bearerToken } from '../core/http/bearer-token';
import { AccessTokenService } from './access-token.service';
import type { Actor } from './actor';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { isApiKeyFormat } from './api-key-format';
import { PreTenantLookups } from './pre-tenant-lookups';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';
import { MINIMUM_ROLE } from './roles.decorator';
import { atLeast, type UserRole } from './roles';

/**
 * Global guard: every route needs a caller unless it is @Public(). The caller comes from
 * `Authorization: Bearer <jwt | dsk_ key>` or `X-API-Key`. A token's user is re-read on every
 * request, so disabling or deleting a user takes effect at once, and so does a role change.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly lookups: PreTenantLookups,
    private readonly logger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const actor = await this.resolve(request);
    request.actor = actor;
    this.logger.assign({ organizationId: actor.organizationId, userId: actor.userId, apiKeyId: actor.apiKeyId });

    const minimum = this.reflector.getAllAndOverride<UserRole | undefined>(MINIMUM_ROLE, targets);
    if (minimum && !atLeast(actor.role, minimum)) throw new ForbiddenError();
    return true;
  }

  private async resolve(request: FastifyRequest): Promise<Actor> {
    const header = request.headers.authorization;
    const apiKeyHeader = request.headers['x-api-key'];
    if (typeof apiKeyHeader === 'string') return this.apiKeys.authenticate(apiKeyHeader);
    const bearer = bearerToken(header);
    if (!bearer) throw new UnauthorizedError();
    if (isApiKeyFormat(bearer)) return this.apiKeys.authenticate(bearer);

    const claims = this.accessTokens.verify(bearer);
    // One round trip on every request: the exact (user, organization) pair the token names.
    const user = await this.lookups.actorUser(claims.sub, claims.org);
    if (!user || user.status !== 'active') throw new UnauthorizedError('Invalid or expired access token');
    return { organizationId: claims.org, role: user.role, userId: claims.sub };
  }
}
