import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { newId } from '../core/database/columns';
import { conflictOnUniqueViolation, isUniqueViolation } from '../core/database/pg-errors';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ConflictError, UnauthorizedError } from '../core/http/app-error';
import { Mailer } from '../mail/mailer';
import { Organization } from '../organizations/organization.entity';
import { toOrganizationView } from '../organizations/organization.view';
import { slugFor } from '../organizations/slug';
import { insertUser } from '../users/insert-user';
import { User, type UserStatus } from '../users/user.entity';
import { toUserView } from '../users/user.view';
import type { SignupConfirmationDto, SignupDto } from './dto/credentials.dto';
import type { SessionView, SignupPendingView } from './dto/session.view';
import { LoginThrottle } from './login-throttle';
import { noSoonerThan } from './no-sooner-than';
import { PasswordHasher } from './password-hasher';
import { PreTenantLookups } from './pre-tenant-lookups';
import { sha256 } from '../core/crypto/secret-token';
import { SessionService } from './session.service';
import { linkStillValid, newUserLinkToken, parseUserLinkToken } from './user-link-token';

export const SIGNUP_CONFIRMATION_VALID_MINUTES = 24 * 60;
const EMAIL_TAKEN = 'An account with this email already exists';
const INVALID_CONFIRMATION = 'Invalid or expired confirmation link, or wrong password';
// Every signup with mail on answers no sooner than this, new address or known, so timing tells nothing.
const SIGNUP_ANSWER_FLOOR_MS = 400;

interface NewAccount {
  organizationId: string;
  userId: string;
  status: UserStatus;
  passwordHash: string;
  confirmationHash?: string;
}

/**
 * A new organization and its owner. With mail on, the address must be proven first, and every
 * signup answers alike (202): a new address gets a confirmation link, a known one a notice, and
 * nobody learns which. Without mail there is nothing to prove it with: the organization is
 * created at once, signed in, and a known address answers 409, as invitations hand back their
 * token when mail is off.
 */
@Injectable()
export class SignupService {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly lookups: PreTenantLookups,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly mailer: Mailer,
    @InjectPinoLogger('auth') private readonly logger: PinoLogger,
  ) {}

  signup(input: SignupDto): Promise<SessionView | SignupPendingView> {
    if (!this.mailer.enabled) return this.signUpAtOnce(input);
    return noSoonerThan(SIGNUP_ANSWER_FLOOR_MS, () => this.requestConfirmation(input));
  }

  /** The organization and its owner, active and signed in. Nothing is stored if any step fails. */
  async signUpAtOnce(input: SignupDto): Promise<SessionView> {
    const passwordHash = await this.passwords.hash(input.password);
    if (await this.lookups.emailHasAccount(input.email)) throw new ConflictError(EMAIL_TAKEN);
    const account = { organizationId: newId(), userId: newId(), status: 'active' as const, passwordHash };
    // The unique index settles a race between two signups with the same email.
    return conflictOnUniqueViolation(
      this.tenants.run(account.organizationId, async (manager) => {
        const { organization, user } = await this.createAccount(manager, input, account);
        const tokens = await this.sessions.issue(user, manager);
        this.logger.info({ organizationId: organization.id, userId: user.id }, 'auth.signed_up');
        return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
      }),
      EMAIL_TAKEN,
    );
  }

  /** Single use, within a day of the signup, and only with the password chosen then. */
  async confirm(input: SignupConfirmationDto, clientAddress: string): Promise<SessionView> {
    const parsed = parseUserLinkToken('cnf', input.token);
    await this.throttle.attempt('signup-confirm', parsed?.secretHash ?? sha256(input.token), clientAddress);
    if (!parsed) throw new UnauthorizedError(INVALID_CONFIRMATION);
    const session = await this.tenants.run(parsed.organizationId, async (manager) => {
      const users = manager.getRepository(User);
      const user = await users
        .createQueryBuilder('user')
        .addSelect(['user.signupConfirmationHash', 'user.signupConfirmationExpiresAt'])
        .where('user.id = :id AND user.organizationId = :organizationId', {
          id: parsed.userId,
          organizationId: parsed.organizationId,
        })
        .setLock('pessimistic_write')
        .getOne();
      // The password is checked whatever the link, so a bad link takes as long as a good one.
      const passwordMatches = await this.passwords.verify(user?.passwordHash, input.password);
      const linkValid =
        user?.status === 'unconfirmed' &&
        linkStillValid(user.signupConfirmationHash, user.signupConfirmationExpiresAt, parsed.secretHash);
      if (!user || !linkValid || !passwordMatches) return null;
      Object.assign(user, { status: 'active', lastLoginAt: new Date() });
      await users.update(
        { id: user.id, organizationId: user.organizationId },
        {
          status: 'active',
          lastLoginAt: user.lastLoginAt,
          signupConfirmationHash: null,
          signupConfirmationExpiresAt: null,
        },
      );
      const organization = await manager.getRepository(Organization).findOneByOrFail({ id: user.organizationId });
      const tokens = await this.sessions.issue(user, manager);
      return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
    });
    if (!session) {
      this.logger.info({ userId: parsed.userId }, 'auth.signup_confirmation_refused');
      throw new UnauthorizedError(INVALID_CONFIRMATION);
    }
    this.logger.info({ organizationId: session.organization.id, userId: session.user.id }, 'auth.signed_up');
    return session;
  }

  private async requestConfirmation(input: SignupDto): Promise<SignupPendingView> {
    const answer = { email: input.email, validMinutes: SIGNUP_CONFIRMATION_VALID_MINUTES };
    const passwordHash = await this.passwords.hash(input.password);
    const existing = await this.lookups.loginCandidate(input.email);
    if (existing && existing.status !== 'unconfirmed') {
      await this.mailer.send([
        { organizationId: existing.organizationId, to: input.email, template: 'signup-existing-account', params: {} },
      ]);
      this.logger.info({ userId: existing.id }, 'auth.signup_for_existing_account');
      return answer;
    }
    // An earlier unconfirmed signup with this address gives way: only the mailbox's owner can
    // confirm either one, and only with the password chosen in it.
    if (existing) await this.discardUnconfirmed(existing.organizationId, existing.id);
    const account = { organizationId: newId(), userId: newId(), status: 'unconfirmed' as const, passwordHash };
    const { token, secretHash } = newUserLinkToken('cnf', account.organizationId, account.userId);
    try {
      const mail = await this.tenants.run(account.organizationId, async (manager) => {
        const { organization } = await this.createAccount(manager, input, { ...account, confirmationHash: secretHash });
        return this.mailer.record(manager, {
          organizationId: account.organizationId,
          to: input.email,
          template: 'signup-confirmation',
          params: { organizationName: organization.name, validMinutes: String(SIGNUP_CONFIRMATION_VALID_MINUTES) },
          token,
        });
      });
      await this.mailer.dispatch([mail]);
      this.logger.info({ organizationId: account.organizationId, userId: account.userId }, 'auth.signup_requested');
    } catch (error) {
      // Another signup took the address a moment ago: the same answer, and its own mail says the rest.
      if (!isUniqueViolation(error)) throw error;
    }
    return answer;
  }

  private async createAccount(
    manager: EntityManager,
    input: SignupDto,
    account: NewAccount,
  ): Promise<{ organization: Organization; user: User }> {
    const organizations = manager.getRepository(Organization);
    const organization = await organizations.save(
      organizations.create({
        id: account.organizationId,
        name: input.organizationName,
        slug: slugFor(input.organizationName),
      }),
    );
    const user = await insertUser(manager, {
      id: account.userId,
      organizationId: account.organizationId,
      email: input.email,
      name: input.name,
      passwordHash: account.passwordHash,
      role: 'owner',
      status: account.status,
      signupConfirmationHash: account.confirmationHash ?? null,
      signupConfirmationExpiresAt: account.confirmationHash
        ? new Date(Date.now() + SIGNUP_CONFIRMATION_VALID_MINUTES * 60_000)
        : null,
    });
    return { organization, user };
  }

  /** Removes an organization whose owner never confirmed, if it still has not (a row lock settles a race). */
  private discardUnconfirmed(organizationId: string, userId: string): Promise<void> {
    return this.tenants.run(organizationId, async (manager) => {
      const owner = await manager.getRepository(User).findOne({
        where: { id: userId, organizationId, status: 'unconfirmed' },
        lock: { mode: 'pessimistic_write' },
      });
      if (owner) await manager.getRepository(Organization).delete({ id: organizationId });
    });
  }
}
