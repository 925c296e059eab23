import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../core/config/app-config';
import { RateLimiter } from '../core/rate-limit/rate-limiter';

const BUCKET = 'deskbase:rateLimitBucket';

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
    const bucket = this.reflector.get<string>(BUCKET, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.limiter.hit(
      `${bucket}:ip:${request.ip}`,
      this.config.AUTH_RATE_LIMIT_PER_IP,
      this.config.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    );
    return true;
  }
}

/** Brute-force protection for a credential-taking route; the service adds a per-account limit. */
export const LimitPerClient = (bucket: string): MethodDecorator =>
  applyDecorators(SetMetadata(BUCKET, bucket), UseGuards(ClientRateLimitGuard));
