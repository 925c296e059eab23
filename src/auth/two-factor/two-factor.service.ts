import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { SecretBox } from '../../core/crypto/secret-box';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { ConflictError, ForbiddenError, UnauthorizedError } from '../../core/http/app-error';
import { Mailer, type MailRequest } from '../../mail/mailer';
import { Organization } from '../../organizations/organization.entity';
import { toOrganizationView, type OrganizationView } from '../../organizations/organization.view';
import { User } from '../../users/user.entity';
import { toUserView } from '../../users/user.view';
import { AccessTokenService } from '../access-token.service';
import type { Actor } from '../../access/actor';
import type { SessionView } from '../dto/session.view';
import { LoginThrottle } from '../login-throttle';
import { PasswordHasher } from '../password-hasher';
import { SessionService } from '../session.service';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import { acceptedTotpStep, newTotpSecret, totpUrl } from './totp';
import type { RecoveryCodesView, TwoFactorEnrolmentView } from './two-factor.dto';

const SEED_LABEL = 'two-factor-seed';
const INVALID_CODE = 'Invalid two-factor code';

/** TOTP two-factor authentication: enrolment, the second login step, recovery codes, the organization rule. */
@Injectable()
export class TwoFactorService {
  private readonly box: SecretBox;

  constructor(
    config: AppConfig,
    private readonly tenant: TenantTransaction,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly accessTokens: AccessTokenService,
    private readonly throttle: LoginThrottle,
    private readonly mailer: Mailer,
    @InjectPinoLogger('auth') private readonly logger: PinoLogger,
  ) {
    this.box = new SecretBox(config.JWT_SECRET, SEED_LABEL);
  }

  /** A new seed, pending until a first code confirms it; enrolling again replaces a pending seed. */
  async enrol(actor: Actor): Promise<TwoFactorEnrolmentView> {
    const userId = this.personOf(actor);
    const secret = newTotpSecret();
    const email = await this.tenant.run(actor.organizationId, async (manager) => {
      const user = await this.load(manager, actor.organizationId, userId);
      if (user.twoFactorEnabledAt) throw new ConflictError('Two-factor authentication is already on');
      await manager
        .getRepository(User)
        .update({ id: userId, organizationId: actor.organizationId }, { twoFactorSecret: this.box.seal(secret) });
      return user.email;
    });
    return { secret, otpauthUrl: totpUrl(secret, email) };
  }

  /** The first code proves the app holds the seed: two-factor is on, and the recovery codes are shown once. */
  async confirm(actor: Actor, code: string, nowMs = Date.now()): Promise<RecoveryCodesView> {
    const userId = this.personOf(actor);
    const { codes, hashes } = newRecoveryCodes();
    const mail = await this.tenant.run(actor.organizationId, async (manager) => {
      const user = await this.load(manager, actor.organizationId, userId);
      if (user.twoFactorEnabledAt) throw new ConflictError('Two-factor authentication is already on');
      if (!user.twoFactorSecret) throw new ConflictError('Start with POST /v1/auth/two-factor/enrol');
      const step = acceptedTotpStep(this.seedOf(user), code, nowMs, null);
      if (step === null) throw new ForbiddenError(INVALID_CODE);
      await manager
        .getRepository(User)
        .update(
          { id: userId, organizationId: actor.organizationId },
          { twoFactorEnabledAt: new Date(nowMs), twoFactorLastStep: step, twoFactorRecoveryHashes: hashes },
        );
      return this.mailer.record(manager, this.noticeOf(user, 'two-factor-enabled'));
    });
    await this.mailer.dispatch([mail]);
    this.logger.info({ userId }, 'auth.two_factor_enabled');
    return { recoveryCodes: codes };
  }

  /** Needs the password and a code (or a recovery code). Not for owners and admins the organization obliges. */
  async disable(actor: Actor, password: string, code: string, clientAddress: string): Promise<void> {
    const userId = this.personOf(actor);
    await this.throttle.attempt('two-factor-disable', userId, clientAddress);
    const mail = await this.tenant.run(actor.organizationId, async (manager) => {
      const user = await this.load(manager, actor.organizationId, userId);
      if (!user.twoFactorEnabledAt) throw new ConflictError('Two-factor authentication is not on');
      const organization = await manager.getRepository(Organization).findOneByOrFail({ id: actor.organizationId });
      if (organization.requireTwoFactor && user.role !== 'member') {
        throw new ConflictError('Your organization requires two-factor authentication for owners and admins');
      }
      const passwordOk = await this.passwords.verify(user.passwordHash, password);
      if (!passwordOk || !(await this.useCode(manager, user, code))) throw new ForbiddenError(INVALID_CODE);
      await manager
        .getRepository(User)
        .update(
          { id: userId, organizationId: actor.organizationId },
          { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null, twoFactorRecoveryHashes: [] },
        );
      return this.mailer.record(manager, this.noticeOf(user, 'two-factor-disabled'));
    });
    await this.mailer.dispatch([mail]);
    this.logger.info({ userId }, 'auth.two_factor_disabled');
  }

  /** The second login step: the challenge from the password step, and a code or a recovery code. */
  async login(challengeToken: string, code: string, clientAddress: string): Promise<SessionView> {
    const { userId, organizationId } = this.accessTokens.verifyChallenge(challengeToken);
    await this.throttle.attempt('two-factor-login', userId, clientAddress);
    return this.tenant.run(organizationId, async (manager) => {
      const user = await this.load(manager, organizationId, userId).catch(() => null);
      if (!user || user.status !== 'active' || !user.twoFactorEnabledAt || !(await this.useCode(manager, user, code))) {
        this.logger.info({ userId }, 'auth.two_factor_failed');
        throw new UnauthorizedError(INVALID_CODE);
      }
      user.lastLoginAt = new Date();
      await manager.getRepository(User).update({ id: userId, organizationId }, { lastLoginAt: user.lastLoginAt });
      const organization = await manager.getRepository(Organization).findOneByOrFail({ id: organizationId });
      const tokens = await this.sessions.issue(user, manager);
      return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
    });
  }

  /** Owners only (the route says so): require two-factor of the organization's owners and admins, or stop requiring it. */
  async setRequirement(actor: Actor, required: boolean): Promise<OrganizationView> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const organizations = manager.getRepository(Organization);
      await organizations.update({ id: actor.organizationId }, { requireTwoFactor: required });
      this.logger.info({ required }, 'organization.two_factor_requirement_changed');
      return toOrganizationView(await organizations.findOneByOrFail({ id: actor.organizationId }));
    });
  }

  /** A TOTP code newer than the last one used, or an unused recovery code (used up here). */
  private async useCode(manager: EntityManager, user: User, code: string): Promise<boolean> {
    const users = manager.getRepository(User);
    const where = { id: user.id, organizationId: user.organizationId };
    if (/^\d{6}$/.test(code)) {
      const step = acceptedTotpStep(this.seedOf(user), code, Date.now(), user.twoFactorLastStep);
      if (step === null) return false;
      await users.update(where, { twoFactorLastStep: step });
      return true;
    }
    const hash = recoveryCodeHash(code);
    if (!user.twoFactorRecoveryHashes.includes(hash)) return false;
    await users.update(where, { twoFactorRecoveryHashes: user.twoFactorRecoveryHashes.filter((h) => h !== hash) });
    this.logger.info({ userId: user.id, left: user.twoFactorRecoveryHashes.length - 1 }, 'auth.recovery_code_used');
    return true;
  }

  /** The user, locked for the change, with the two-factor columns. */
  private async load(manager: EntityManager, organizationId: string, userId: string): Promise<User> {
    const user = await manager
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect(['user.twoFactorSecret', 'user.twoFactorLastStep', 'user.twoFactorRecoveryHashes'])
      .where('user.id = :userId AND user.organizationId = :organizationId', { userId, organizationId })
      .setLock('pessimistic_write')
      .getOne();
    if (!user) throw new UnauthorizedError();
    return user;
  }

  private seedOf(user: User): string {
    const seed = user.twoFactorSecret ? this.box.open(user.twoFactorSecret) : null;
    if (!seed) throw new Error('two-factor seed unreadable');
    return seed;
  }

  private personOf(actor: Actor): string {
    if (!actor.userId) throw new ForbiddenError('Two-factor authentication is for people, not API keys');
    return actor.userId;
  }

  private noticeOf(user: User, template: 'two-factor-enabled' | 'two-factor-disabled'): MailRequest {
    return {
      organizationId: user.organizationId,
      to: user.email,
      template,
      params: { changedAt: new Date().toISOString() },
    };
  }
}
