import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { sameDigest, sha256 } from '../core/crypto/secret-token';
import { AppConfig } from '../core/config/app-config';
import { NotFoundError, UnauthorizedError } from '../core/http/app-error';
import { bearerToken } from '../core/http/bearer-token';

/**
 * /metrics on the main port needs `Authorization: Bearer $METRICS_TOKEN`. Without a configured
 * token the route does not exist there (metrics are then on METRICS_PORT, or nowhere). Tenant
 * credentials mean nothing here: only the operator's token opens it.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected?: string;

  constructor(config: AppConfig) {
    this.expected = config.METRICS_TOKEN && sha256(config.METRICS_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) throw new NotFoundError('Route');
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const token = bearerToken(header);
    if (!token || !sameDigest(sha256(token), this.expected)) throw new UnauthorizedError();
    return true;
  }
}
