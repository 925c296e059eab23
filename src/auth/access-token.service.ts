import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../core/config/app-config';
import { UnauthorizedError } from '../core/http/app-error';
import type { UserRole } from './roles';

export interface AccessClaims {
  sub: string;
  org: string;
  role: UserRole;
}

/** Short-lived HS256 JWTs; algorithm, issuer and audience are pinned on both sides. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  sign(claims: AccessClaims): string {
    return this.jwt.sign(claims, {
      algorithm: 'HS256',
      secret: this.config.JWT_SECRET,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    });
  }

  /** The claims of a valid token; UnauthorizedError for anything else, whatever the reason. */
  verify(token: string): AccessClaims {
    try {
      const claims = this.jwt.verify<AccessClaims & object>(token, {
        algorithms: ['HS256'],
        secret: this.config.JWT_SECRET,
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
      if (typeof claims.sub !== 'string' || typeof claims.org !== 'string') throw new Error('claims');
      return claims;
    } catch {
      throw new UnauthorizedError('Invalid or expired access token');
    }
  }
}
