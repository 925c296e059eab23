import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../core/config/app-config';
import { RateLimitedError } from '../core/http/app-error';
import { rateLimitHeaders } from '../core/rate-limit/rate-limit-headers';
import { RateLimiter } from '../core/rate-limit/rate-limiter';

/** Metadata naming a route's rate-limit bucket; the OpenAPI document reads it too. */
export const RATE_LIMIT_BUCKET = 'deskbase:rateLimitBucket';

/**
 * Limits a route per client address. `request.ip` honours X-Forwarded-For only from proxies
 * trusted by TRUST_PROXY, so a client cannot reset its count by spoofing the header.
 */
@Injectable()
class ClientRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string>(RATE_LIMIT_BUCKET, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const state = await this.limiter.count(
      `${bucket}:ip:${request.ip}`,
      this.config.AUTH_RATE_LIMIT_PER_IP,
      this.config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    );
    // On every answer of the route, errors included, so a client can pace itself before a 429.
    void http.getResponse<FastifyReply>().headers(rateLimitHeaders(bucket, state));
    if (state.exceeded) throw new RateLimitedError(state.resetSeconds);
    return true;
  }
}

/** Brute-force protection for a credential-taking route; the service adds a per-account limit. */
export const LimitPerClient = (bucket: string): MethodDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT_BUCKET, bucket), UseGuards(ClientRateLimitGuard));
