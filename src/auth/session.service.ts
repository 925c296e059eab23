import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { newId } from '../core/database/columns';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { UnauthorizedError } from '../core/http/app-error';
import { User } from '../users/user.entity';
import { UserSessions } from '../users/user-sessions';
import { AccessTokenService } from './access-token.service';
import type { Actor } from '../access/actor';
import type { TokenPairView } from './dto/session.view';
import { PreTenantLookups } from './pre-tenant-lookups';
import { RefreshSession } from './refresh-session.entity';
import { randomToken, sha256 } from '../core/crypto/secret-token';

const INVALID_REFRESH = 'Invalid or expired refresh token';

/** Issues token pairs and rotates refresh tokens, with reuse detection per family. */
@Injectable()
export class SessionService implements UserSessions {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly lookups: PreTenantLookups,
    private readonly accessTokens: AccessTokenService,
    private readonly config: AppConfig,
    @InjectPinoLogger('auth') private readonly logger: PinoLogger,
  ) {}

  /** A new login: a new family. `manager` is the user's tenant transaction. */
  async issue(user: User, manager: EntityManager): Promise<TokenPairView> {
    const { tokens } = await this.issueInFamily(user, newId(), manager.getRepository(RefreshSession));
    return tokens;
  }

  /**
   * Trades a live refresh token for a new pair. The row is locked, so of two concurrent uses
   * one rotates and the other finds the token retired: that counts as reuse and revokes the
   * family, as it would for a stolen token.
   */
  async rotate(refreshToken: string, hostOrganizationId?: string): Promise<{ user: User; tokens: TokenPairView }> {
    const tokenHash = sha256(refreshToken);
    const organizationId = await this.lookups.refreshSessionOrganization(tokenHash);
    // On an organization's own host (TENANT_BASE_DOMAIN), another organization's token is no token.
    const elsewhere = hostOrganizationId !== undefined && organizationId !== hostOrganizationId;
    if (!organizationId || elsewhere) throw new UnauthorizedError(INVALID_REFRESH);
    const outcome = await this.tenants.run(organizationId, async (manager) => {
      const sessions = manager.getRepository(RefreshSession);
      const current = await sessions.findOne({
        where: { tokenHash, organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) return null;
      if (current.revokedAt) {
        await this.revokeFamily(sessions, current.familyId);
        this.logger.warn({ familyId: current.familyId, userId: current.userId }, 'auth.refresh_reuse_detected');
        return 'reused' as const;
      }
      const user = await manager.getRepository(User).findOneBy({ id: current.userId, organizationId });
      if (current.expiresAt <= new Date() || !user || user.status !== 'active') return null;
      const next = await this.issueInFamily(user, current.familyId, sessions);
      await sessions.update({ id: current.id }, { revokedAt: new Date(), replacedById: next.sessionId });
      return { user, tokens: next.tokens };
    });
    if (!outcome || outcome === 'reused') throw new UnauthorizedError(INVALID_REFRESH);
    return outcome;
  }

  /**
   * Logout: ends the caller's own login (its access token stops working at once) and the family
   * of this refresh token if it is the caller's. Unknown tokens are ignored (logout is idempotent).
   */
  async revoke(actor: Actor, refreshToken: string): Promise<void> {
    const userId = actor.userId;
    if (!userId) return;
    await this.tenants.run(actor.organizationId, async (manager) => {
      const sessions = manager.getRepository(RefreshSession);
      const session = await sessions.findOneBy({
        tokenHash: sha256(refreshToken),
        userId,
        organizationId: actor.organizationId,
      });
      if (session) await this.revokeFamily(sessions, session.familyId);
      if (actor.sessionId) await this.revokeFamily(sessions, actor.sessionId, userId);
    });
  }

  /** Ends every session of a user (disabled, deleted, password changed), in the caller's tenant transaction. */
  async revokeAllOf(user: Pick<User, 'id' | 'organizationId'>, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(RefreshSession)
      .update({ userId: user.id, organizationId: user.organizationId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async revokeFamily(sessions: Repository<RefreshSession>, familyId: string, userId?: string): Promise<void> {
    await sessions.update({ familyId, revokedAt: IsNull(), ...(userId ? { userId } : {}) }, { revokedAt: new Date() });
  }

  private async issueInFamily(
    user: User,
    familyId: string,
    sessions: Repository<RefreshSession>,
  ): Promise<{ sessionId: string; tokens: TokenPairView }> {
    const refreshToken = `rt_${randomToken(32)}`;
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const session = await sessions.save(
      sessions.create({
        organizationId: user.organizationId,
        userId: user.id,
        familyId,
        tokenHash: sha256(refreshToken),
        expiresAt,
        revokedAt: null,
        replacedById: null,
      }),
    );
    const accessToken = this.accessTokens.sign({
      sub: user.id,
      org: user.organizationId,
      role: user.role,
      sid: familyId,
    });
    return { sessionId: session.id, tokens: { accessToken, refreshToken, expiresIn: this.accessTokens.ttlSeconds } };
  }
}
