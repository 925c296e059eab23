import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { type EntityManager, IsNull, Not } from 'typeorm';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ForbiddenError, UnauthorizedError } from '../core/http/app-error';
import { Mailer, type MailRequest } from '../mail/mailer';
import { User } from '../users/user.entity';
import type { Actor } from '../access/actor';
import type { ChangePasswordDto, PasswordResetConfirmDto } from './dto/password.dto';
import { LoginThrottle } from './login-throttle';
import { noSoonerThan } from './no-sooner-than';
import { PasswordHasher } from './password-hasher';
import { PreTenantLookups } from './pre-tenant-lookups';
import { linkStillValid, newUserLinkToken, parseUserLinkToken } from './user-link-token';
import { RefreshSession } from './refresh-session.entity';
import { sha256 } from '../core/crypto/secret-token';

export const PASSWORD_RESET_VALID_MINUTES = 30;
const INVALID_RESET = 'Invalid or expired password reset link';
// A reset request answers no sooner than this, known email or not, so timing tells nothing.
const RESET_REQUEST_FLOOR_MS = 400;

/** Changing a password, and resetting a forgotten one through a single-use mailed link. */
@Injectable()
export class PasswordService {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly mailer: Mailer,
    private readonly lookups: PreTenantLookups,
    @InjectPinoLogger('auth') private readonly logger: PinoLogger,
  ) {}

  /** The current password is required; every other session of the user ends, this one stays. */
  async change(actor: Actor, input: ChangePasswordDto, clientAddress: string): Promise<void> {
    if (!actor.userId) throw new ForbiddenError('Only a signed-in person has a password');
    await this.throttle.attempt('password-change', actor.userId, clientAddress);
    const passwordHash = await this.passwords.hash(input.newPassword);
    const mail = await this.tenant.run(actor.organizationId, async (manager) => {
      const user = await manager.getRepository(User).findOne({
        where: { id: actor.userId, organizationId: actor.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user || !(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
        this.logger.info({ userId: actor.userId }, 'auth.password_change_refused');
        throw new ForbiddenError('The current password is not correct');
      }
      await this.setPassword(manager, user, passwordHash, actor.sessionId);
      return this.mailer.record(manager, this.changedMail(user));
    });
    await this.mailer.dispatch([mail]);
    this.logger.info({ userId: actor.userId }, 'auth.password_changed');
  }

  /**
   * Mails a reset link when the email belongs to an active user. The answer is the same, and
   * comes after the same time, either way. Requesting again replaces the previous link.
   */
  async requestReset(email: string, clientAddress: string): Promise<void> {
    await this.throttle.attempt('password-reset', email, clientAddress);
    await noSoonerThan(RESET_REQUEST_FLOOR_MS, async () => {
      // The pre-tenant look-up by email that login uses.
      const candidate = await this.lookups.loginCandidate(email);
      if (candidate?.status === 'active') {
        const { token, secretHash } = newUserLinkToken('rst', candidate.organizationId, candidate.id);
        const mail = await this.tenant.run(candidate.organizationId, async (manager) => {
          await manager.getRepository(User).update(
            { id: candidate.id, organizationId: candidate.organizationId },
            {
              passwordResetHash: secretHash,
              passwordResetExpiresAt: new Date(Date.now() + PASSWORD_RESET_VALID_MINUTES * 60_000),
            },
          );
          return this.mailer.record(manager, {
            organizationId: candidate.organizationId,
            to: email,
            template: 'password-reset',
            params: { validMinutes: String(PASSWORD_RESET_VALID_MINUTES) },
            token,
          });
        });
        await this.mailer.dispatch([mail]);
      }
      this.logger.info({ userId: candidate?.id }, 'auth.password_reset_requested');
    });
  }

  /** Single use, within 30 minutes of the request; ends every session of the user. */
  async confirmReset(input: PasswordResetConfirmDto, clientAddress: string): Promise<void> {
    const parsed = parseUserLinkToken('rst', input.token);
    await this.throttle.attempt('password-reset-confirm', parsed?.secretHash ?? sha256(input.token), clientAddress);
    if (!parsed) throw new UnauthorizedError(INVALID_RESET);
    const passwordHash = await this.passwords.hash(input.password);
    const outcome = await this.tenant.run(parsed.organizationId, async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .addSelect(['user.passwordResetHash', 'user.passwordResetExpiresAt'])
        .where('user.id = :id AND user.organizationId = :organizationId', {
          id: parsed.userId,
          organizationId: parsed.organizationId,
        })
        .setLock('pessimistic_write')
        .getOne();
      const valid =
        user?.status === 'active' &&
        linkStillValid(user.passwordResetHash, user.passwordResetExpiresAt, parsed.secretHash);
      if (!user || !valid) return null;
      await this.setPassword(manager, user, passwordHash);
      return { mail: await this.mailer.record(manager, this.changedMail(user)) };
    });
    if (!outcome) {
      this.logger.info({ userId: parsed.userId }, 'auth.password_reset_refused');
      throw new UnauthorizedError(INVALID_RESET);
    }
    await this.mailer.dispatch([outcome.mail]);
    this.logger.info({ userId: parsed.userId }, 'auth.password_reset');
  }

  /** New hash, no pending reset link, and every session but `keepSession` (if any) ended. */
  private async setPassword(
    manager: EntityManager,
    user: User,
    passwordHash: string,
    keepSession?: string,
  ): Promise<void> {
    await manager
      .getRepository(User)
      .update(
        { id: user.id, organizationId: user.organizationId },
        { passwordHash, passwordResetHash: null, passwordResetExpiresAt: null },
      );
    await manager.getRepository(RefreshSession).update(
      {
        userId: user.id,
        organizationId: user.organizationId,
        revokedAt: IsNull(),
        ...(keepSession ? { familyId: Not(keepSession) } : {}),
      },
      { revokedAt: new Date() },
    );
  }

  private changedMail(user: User): MailRequest {
    return {
      organizationId: user.organizationId,
      to: user.email,
      template: 'password-changed',
      params: { changedAt: new Date().toISOString() },
    };
  }
}
