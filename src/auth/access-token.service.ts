import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sign, verify } from 'jsonwebtoken';
import { AppConfig } from '../core/config/app-config';
import { UnauthorizedError } from '../core/http/app-error';
import type { UserRole } from '../access/roles';
import { UUID } from '../core/database/tenant-transaction';

export interface AccessClaims {
  sub: string;
  org: string;
  role: UserRole;
  /** The login (refresh-token family) it belongs to: ending that session ends this token at once. */
  sid: string;
}

/** How long the second login step may wait for its code. */
export const CHALLENGE_TTL_SECONDS = 300;

/** Short-lived HS256 JWTs; algorithm, issuer and audience are pinned on both sides. */
@Injectable()
export class AccessTokenService {
  // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM public
  // key on every call (about 1.2 ms of CPU per request, measured in bench/).
  private readonly key: KeyObject;

  constructor(private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  sign(claims: AccessClaims): string {
    return sign(claims, this.key, {
      algorithm: 'HS256',
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    });
  }

  /**
   * The proof of a correct password that the second login step asks for: short-lived, and for
   * another audience, so it is never accepted as an access token.
   */
  signChallenge(userId: string, organizationId: string): string {
    return sign({ sub: userId, org: organizationId }, this.key, {
      algorithm: 'HS256',
      issuer: this.config.JWT_ISSUER,
      audience: this.challengeAudience,
      expiresIn: CHALLENGE_TTL_SECONDS,
    });
  }

  /** The user and organization of a live challenge; UnauthorizedError for anything else. */
  verifyChallenge(token: string): { userId: string; organizationId: string } {
    try {
      const claims = verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: this.challengeAudience,
      });
      if (typeof claims !== 'object' || typeof claims.sub !== 'string' || typeof claims.org !== 'string') {
        throw new Error('claims');
      }
      return { userId: claims.sub, organizationId: claims.org };
    } catch {
      throw new UnauthorizedError('Invalid or expired two-factor challenge; sign in again');
    }
  }

  private get challengeAudience(): string {
    return `${this.config.JWT_AUDIENCE}:two-factor`;
  }

  /** The claims of a valid token; UnauthorizedError for anything else, whatever the reason. */
  verify(token: string): AccessClaims {
    try {
      const claims = verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
      if (
        typeof claims !== 'object' ||
        typeof claims.sub !== 'string' ||
        typeof claims.org !== 'string' ||
        typeof claims.sid !== 'string' ||
        !UUID.test(claims.sub) ||
        !UUID.test(claims.org)
      ) {
        throw new Error('claims');
      }
      return claims as AccessClaims & typeof claims;
    } catch {
      throw new UnauthorizedError('Invalid or expired access token');
    }
  }
}
