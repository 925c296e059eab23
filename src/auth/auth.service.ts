import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ApiKey } from '../api-keys/api-key.entity';
import { toApiKeyView } from '../api-keys/api-key.view';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ForbiddenError, UnauthorizedError } from '../core/http/app-error';
import { Organization } from '../organizations/organization.entity';
import { toOrganizationView } from '../organizations/organization.view';
import { User } from '../users/user.entity';
import { toUserView } from '../users/user.view';
import type { Actor } from '../access/actor';
import type { LoginDto } from './dto/credentials.dto';
import type { MeView, SessionView } from './dto/session.view';
import { AccessTokenService, CHALLENGE_TTL_SECONDS } from './access-token.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import type { TwoFactorChallengeView } from './two-factor/two-factor.dto';
import { PreTenantLookups } from './pre-tenant-lookups';
import { SessionService } from './session.service';

const BAD_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly lookups: PreTenantLookups,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly accessTokens: AccessTokenService,
    @InjectPinoLogger('auth') private readonly logger: PinoLogger,
  ) {}

  /**
   * Same answer, in about the same time, for an unknown email, a wrong password, a disabled user
   * and (on an organization's own host) a user of another organization. A user with two-factor
   * on gets the challenge the second step needs instead of a session.
   */
  async login(
    input: LoginDto,
    clientAddress: string,
    hostOrganizationId?: string,
  ): Promise<SessionView | TwoFactorChallengeView> {
    await this.throttle.attempt('login', input.email, clientAddress);
    const candidate = await this.lookups.loginCandidate(input.email);
    const valid = await this.passwords.verify(candidate?.passwordHash, input.password);
    const otherOrganization = hostOrganizationId !== undefined && candidate?.organizationId !== hostOrganizationId;
    if (!candidate || !valid || candidate.status !== 'active' || otherOrganization) {
      return this.loginFailed(candidate?.id);
    }
    const session = await this.tenants.run(candidate.organizationId, async (manager) => {
      const users = manager.getRepository(User);
      const user = await users.findOne({
        where: { id: candidate.id, organizationId: candidate.organizationId },
        relations: { organization: true },
      });
      if (!user?.organization) return null;
      if (user.twoFactorEnabledAt) {
        this.logger.info({ userId: user.id }, 'auth.two_factor_challenged');
        const challengeToken = this.accessTokens.signChallenge(user.id, user.organizationId);
        return { twoFactorRequired: true as const, challengeToken, expiresIn: CHALLENGE_TTL_SECONDS };
      }
      user.lastLoginAt = new Date();
      await users.update({ id: user.id }, { lastLoginAt: user.lastLoginAt });
      const tokens = await this.sessions.issue(user, manager);
      return { user: toUserView(user), organization: toOrganizationView(user.organization), tokens };
    });
    return session ?? this.loginFailed(candidate.id);
  }

  async refresh(refreshToken: string, hostOrganizationId?: string): Promise<SessionView> {
    const { user, tokens } = await this.sessions.rotate(refreshToken, hostOrganizationId);
    const organization = await this.tenants.run(user.organizationId, (manager) =>
      manager.getRepository(Organization).findOneByOrFail({ id: user.organizationId }),
    );
    return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
  }

  async logout(actor: Actor, refreshToken: string): Promise<void> {
    await this.sessions.revoke(actor, refreshToken);
  }

  /** Ends every login of the caller, on every device, this one included. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    const userId = actor.userId;
    if (!userId) throw new ForbiddenError('Only a signed-in person can sign out');
    await this.tenants.run(actor.organizationId, (manager) =>
      this.sessions.revokeAllOf({ id: userId, organizationId: actor.organizationId }, manager),
    );
    this.logger.info({ userId }, 'auth.signed_out_everywhere');
  }

  async me(actor: Actor): Promise<MeView> {
    return this.tenants.run(actor.organizationId, async (manager) => {
      const organization = toOrganizationView(
        await manager.getRepository(Organization).findOneByOrFail({ id: actor.organizationId }),
      );
      if (actor.apiKeyId) {
        const apiKey = await manager
          .getRepository(ApiKey)
          .findOneByOrFail({ id: actor.apiKeyId, organizationId: actor.organizationId });
        return { apiKey: toApiKeyView(apiKey), organization };
      }
      const user = await manager
        .getRepository(User)
        .findOneByOrFail({ id: actor.userId, organizationId: actor.organizationId });
      return { user: toUserView(user), organization };
    });
  }

  private loginFailed(userId: string | undefined): never {
    this.logger.info({ userId }, 'auth.login_failed');
    throw new UnauthorizedError(BAD_CREDENTIALS);
  }
}
