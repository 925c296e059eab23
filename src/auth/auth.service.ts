import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource, type Repository } from 'typeorm';
import { ApiKey } from '../api-keys/api-key.entity';
import { toApiKeyView } from '../api-keys/api-key.view';
import { isUniqueViolation } from '../core/database/pg-errors';
import { ConflictError, ForbiddenError, UnauthorizedError } from '../core/http/app-error';
import { Organization } from '../organizations/organization.entity';
import { toOrganizationView } from '../organizations/organization.view';
import { slugFor } from '../organizations/slug';
import { User } from '../users/user.entity';
import { toUserView } from '../users/user.view';
import type { Actor } from './actor';
import type { LoginDto, SignupDto } from './dto/credentials.dto';
import type { MeView, SessionView } from './dto/session.view';
import { AccessTokenService, CHALLENGE_TTL_SECONDS } from './access-token.service';
import { LoginThrottle } from './login-throttle';
import type { TwoFactorChallengeView } from './two-factor/two-factor.dto';
import { PasswordHasher } from './password-hasher';
import { RefreshSession } from './refresh-session.entity';
import { SessionService } from './session.service';

const BAD_CREDENTIALS = 'Invalid email or password';
const EMAIL_TAKEN = 'An account with this email already exists';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly accessTokens: AccessTokenService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
    @InjectPinoLogger('auth') private readonly logger: PinoLogger,
  ) {}

  /** A new organization and its owner, signed in. Nothing is stored if any step fails. */
  async signup(input: SignupDto): Promise<SessionView> {
    // Only the per-address limit applies: signing up with someone's email must not spend their login attempts.
    const passwordHash = await this.passwords.hash(input.password);
    if (await this.users.existsBy({ email: input.email })) throw new ConflictError(EMAIL_TAKEN);
    // The unique index settles a race between two signups with the same email.
    return this.dataSource
      .transaction(async (manager) => {
        const organization = await manager
          .getRepository(Organization)
          .save(
            manager
              .getRepository(Organization)
              .create({ name: input.organizationName, slug: slugFor(input.organizationName) }),
          );
        const user = await manager.getRepository(User).save(
          manager.getRepository(User).create({
            organizationId: organization.id,
            email: input.email,
            name: input.name,
            passwordHash,
            role: 'owner',
            status: 'active',
            lastLoginAt: new Date(),
          }),
        );
        const tokens = await this.sessions.issue(user, manager.getRepository(RefreshSession));
        this.logger.info({ organizationId: organization.id, userId: user.id }, 'auth.signed_up');
        return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new ConflictError(EMAIL_TAKEN) : error;
      });
  }

  /** Same answer, in about the same time, for an unknown email, a wrong password and a disabled user. */
  /** A session, or, for a user with two-factor on, the challenge the second step needs. */
  async login(
    input: LoginDto,
    clientAddress: string,
    hostOrganizationId?: string,
  ): Promise<SessionView | TwoFactorChallengeView> {
    await this.throttle.attempt('login', input.email, clientAddress);
    const user = await this.users.findOne({ where: { email: input.email }, relations: { organization: true } });
    const valid = await this.passwords.verify(user?.passwordHash, input.password);
    const otherOrganization = hostOrganizationId !== undefined && user?.organizationId !== hostOrganizationId;
    if (!user || !valid || user.status !== 'active' || !user.organization || otherOrganization) {
      this.logger.info({ userId: user?.id }, 'auth.login_failed');
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    if (user.twoFactorEnabledAt) {
      this.logger.info({ userId: user.id }, 'auth.two_factor_challenged');
      const challengeToken = this.accessTokens.signChallenge(user.id, user.organizationId);
      return { twoFactorRequired: true, challengeToken, expiresIn: CHALLENGE_TTL_SECONDS };
    }
    user.lastLoginAt = new Date();
    await this.users.update({ id: user.id }, { lastLoginAt: user.lastLoginAt });
    const tokens = await this.sessions.issue(user);
    return { user: toUserView(user), organization: toOrganizationView(user.organization), tokens };
  }

  async refresh(refreshToken: string): Promise<SessionView> {
    const { user, tokens } = await this.sessions.rotate(refreshToken);
    const organization = await this.organizations.findOneByOrFail({ id: user.organizationId });
    return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
  }

  async logout(actor: Actor, refreshToken: string): Promise<void> {
    if (actor.userId) await this.sessions.revoke(refreshToken, actor.userId, actor.sessionId);
  }

  /** Ends every login of the caller, on every device, this one included. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    if (!actor.userId) throw new ForbiddenError('Only a signed-in person can sign out');
    await this.sessions.revokeAllOf(actor.userId);
    this.logger.info({ userId: actor.userId }, 'auth.signed_out_everywhere');
  }

  async me(actor: Actor): Promise<MeView> {
    const organization = toOrganizationView(await this.organizations.findOneByOrFail({ id: actor.organizationId }));
    if (actor.apiKeyId) {
      const apiKey = await this.apiKeys.findOneByOrFail({ id: actor.apiKeyId, organizationId: actor.organizationId });
      return { apiKey: toApiKeyView(apiKey), organization };
    }
    const user = await this.users.findOneByOrFail({ id: actor.userId, organizationId: actor.organizationId });
    return { user: toUserView(user), organization };
  }
}
