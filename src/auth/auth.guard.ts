import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { assignRequestLogFields } from '../core/logging/request-log-fields';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ForbiddenError, UnauthorizedError } from '../core/http/app-error';
import { bearerToken } from '../core/http/bearer-token';
import { AccessTokenService } from './access-token.service';
import type { Actor } from '../access/actor';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { isApiKeyFormat } from '../api-keys/api-key-format';
import type { AuthenticatedRequest } from '../access/current-actor.decorator';
import { type HostScoped, HostTenant } from './host-tenant';
import { IS_PUBLIC } from '../access/public.decorator';
import { MINIMUM_ROLE } from '../access/roles.decorator';
import { OPEN_BEFORE_TWO_FACTOR, TWO_FACTOR_REQUIRED } from './two-factor/enrolment-only';
import { atLeast, type UserRole } from '../access/roles';
import { TOKEN_CALLER, type TokenCallerRow } from './token-caller.sql';

/** What a route's decorators say about its callers; the same for every request of the route. */
interface AccessRule {
  isPublic: boolean;
  openBeforeTwoFactor: boolean;
  minimum?: UserRole;
}

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
    private readonly hostTenant: HostTenant,
    private readonly tenants: TenantTransaction,
  ) {}

  /** Read once per route handler, not on every request. */
  private readonly rules = new WeakMap<object, AccessRule>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.ruleOf(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest & HostScoped>();
    if (this.hostTenant.enabled) request.hostOrganizationId = await this.hostTenant.of(request);
    if (rule.isPublic) return true;

    const actor = await this.resolve(request, rule.openBeforeTwoFactor);
    // On an organization's own host, another organization's credentials are no credentials.
    if (request.hostOrganizationId && actor.organizationId !== request.hostOrganizationId) {
      throw new UnauthorizedError('These credentials are not valid for this organization');
    }
    request.actor = actor;
    assignRequestLogFields({ organizationId: actor.organizationId, userId: actor.userId, apiKeyId: actor.apiKeyId });

    if (rule.minimum && !atLeast(actor.role, rule.minimum)) throw new ForbiddenError();
    return true;
  }

  private ruleOf(context: ExecutionContext): AccessRule {
    const handler = context.getHandler();
    let rule = this.rules.get(handler);
    if (!rule) {
      const targets = [handler, context.getClass()];
      rule = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
        openBeforeTwoFactor: !!this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_TWO_FACTOR, targets),
        minimum: this.reflector.getAllAndOverride<UserRole | undefined>(MINIMUM_ROLE, targets),
      };
      this.rules.set(handler, rule);
    }
    return rule;
  }

  private async resolve(request: FastifyRequest, openBeforeTwoFactor: boolean): Promise<Actor> {
    const header = request.headers.authorization;
    const apiKeyHeader = request.headers['x-api-key'];
    if (typeof apiKeyHeader === 'string') return this.apiKeys.authenticate(apiKeyHeader);
    const bearer = bearerToken(header);
    if (!bearer) throw new UnauthorizedError();
    if (isApiKeyFormat(bearer)) return this.apiKeys.authenticate(bearer);

    const claims = this.accessTokens.verify(bearer);
    // The token names the tenant: the user is read inside its transaction, like any tenant row, in
    // one statement (with its login's liveness and the two-factor rule), sent in one round trip.
    const [[user]] = (await this.tenants.batch(claims.org, {
      sql: TOKEN_CALLER,
      parameters: [claims.sub, claims.org, claims.sid],
    })) as [TokenCallerRow[]];
    if (!user) throw new UnauthorizedError('Invalid or expired access token');
    const owesTwoFactor = user.requireTwoFactor && user.role !== 'member' && !user.twoFactorEnabled;
    if (owesTwoFactor && !openBeforeTwoFactor) {
      throw new ForbiddenError(TWO_FACTOR_REQUIRED);
    }
    return { organizationId: user.organizationId, role: user.role, userId: user.id, sessionId: claims.sid };
  }
}
