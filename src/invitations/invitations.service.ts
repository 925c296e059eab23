import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { type EntityManager, IsNull, MoreThan } from 'typeorm';
import { ApiKey } from '../api-keys/api-key.entity';
import { actorId, type Actor } from '../access/actor';
import { LoginThrottle } from '../auth/login-throttle';
import type { AcceptInvitationDto } from '../auth/dto/credentials.dto';
import type { SessionView } from '../auth/dto/session.view';
import { PasswordHasher } from '../auth/password-hasher';
import { PreTenantLookups } from '../auth/pre-tenant-lookups';
import { randomToken, sha256 } from '../core/crypto/secret-token';
import { SessionService } from '../auth/session.service';
import { Entitlements } from '../plans/entitlements';
import { AppConfig } from '../core/config/app-config';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { Mailer } from '../mail/mailer';
import { deleteOr404 } from '../core/database/find-or-404';
import { findPage } from '../core/database/paginate';
import { conflictOnUniqueViolation, isUniqueViolation } from '../core/database/pg-errors';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ConflictError, NotFoundError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import { Organization } from '../organizations/organization.entity';
import { toOrganizationView } from '../organizations/organization.view';
import { insertUser } from '../users/insert-user';
import { User } from '../users/user.entity';
import { toUserView } from '../users/user.view';
import type { CreateInvitationDto } from './dto/create-invitation.dto';
import { Invitation } from './invitation.entity';
import { type CreatedInvitationView, toInvitationView, type InvitationView } from './invitation.view';
import { seatsInUse } from '../users/seats-in-use';

const ALREADY_MEMBER = 'This person is already a member of the organization';
const ALREADY_INVITED = 'This email is being invited right now; try again';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly lookups: PreTenantLookups,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly limiter: RateLimiter,
    private readonly mailer: Mailer,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly entitlements: Entitlements,
    @InjectPinoLogger('invitations') private readonly logger: PinoLogger,
  ) {}

  /**
   * A new invitation replaces any pending one for the same email in this organization. Whether
   * the email has an account in another organization is not the inviter's business: that
   * answers like any other invitation, and accepting it fails like an invalid one.
   */
  async create(actor: Actor, input: CreateInvitationDto): Promise<CreatedInvitationView> {
    await this.limiter.hit(
      `invitations:organization:${actor.organizationId}`,
      this.config.INVITATION_RATE_LIMIT_PER_ORGANIZATION,
      this.config.INVITATION_RATE_LIMIT_WINDOW_SECONDS,
    );
    const token = `inv_${randomToken(32)}`;
    // Another admin invited the same email at the same moment: theirs stands.
    const { invitation, mail } = await conflictOnUniqueViolation(
      this.tenants.run(actor.organizationId, async (manager) => {
        // Only this organization's people are visible here: someone elsewhere is invited like anyone.
        if (await manager.getRepository(User).existsBy({ email: input.email, organizationId: actor.organizationId })) {
          throw new ConflictError(ALREADY_MEMBER);
        }
        const invitations = manager.getRepository(Invitation);
        await invitations.delete({ organizationId: actor.organizationId, email: input.email, acceptedAt: IsNull() });
        const saved = await invitations.save(
          invitations.create({
            organizationId: actor.organizationId,
            email: input.email,
            role: input.role,
            tokenHash: sha256(token),
            expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3_600_000),
            acceptedAt: null,
            invitedBy: actorId(actor),
          }),
        );
        const mail = await this.mailer.record(manager, {
          organizationId: actor.organizationId,
          to: saved.email,
          template: 'invitation',
          params: {
            ...(await this.inviterAndOrganization(manager, actor)),
            role: saved.role,
            expiresAt: saved.expiresAt.toISOString(),
          },
          token,
        });
        return { invitation: saved, mail };
      }),
      ALREADY_INVITED,
    );
    await this.mailer.dispatch([mail]);
    this.logger.info({ invitationId: invitation.id, role: invitation.role, mailed: mail !== null }, 'user.invited');
    // The token reaches the invitee by mail; only with mail turned off does the inviter pass it on.
    return mail ? toInvitationView(invitation) : { ...toInvitationView(invitation), token };
  }

  private async inviterAndOrganization(
    manager: EntityManager,
    actor: Actor,
  ): Promise<{ inviterName: string; organizationName: string }> {
    const organization = await manager.getRepository(Organization).findOneByOrFail({ id: actor.organizationId });
    const inviter = actor.userId
      ? (await manager.getRepository(User).findOneBy({ id: actor.userId, organizationId: actor.organizationId }))?.name
      : (await manager.getRepository(ApiKey).findOneBy({ id: actor.apiKeyId, organizationId: actor.organizationId }))
          ?.name;
    return { inviterName: inviter ?? organization.name, organizationName: organization.name };
  }

  async list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<InvitationView>> {
    const where = { organizationId: actor.organizationId };
    return this.tenants.run(actor.organizationId, (manager) =>
      findPage(
        manager.getRepository(Invitation),
        { where, order: { createdAt: 'DESC', id: 'DESC' } },
        page,
        toInvitationView,
      ),
    );
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.tenants.run(actor.organizationId, (manager) =>
      deleteOr404(manager.getRepository(Invitation), { id, organizationId: actor.organizationId }, 'Invitation'),
    );
  }

  /**
   * The invitee becomes a user of the inviting organization, signed in. Single use. A person
   * belongs to one organization: an email that has an account anywhere cannot accept, and is
   * told so exactly as for an unknown or used token, so the answer reveals no account.
   */
  async accept(input: AcceptInvitationDto, clientAddress: string): Promise<SessionView> {
    const tokenHash = sha256(input.token);
    await this.throttle.attempt('invitation', tokenHash, clientAddress);
    const passwordHash = await this.passwords.hash(input.password);
    const organizationId = await this.lookups.invitationOrganization(tokenHash);
    // Unknown, expired and already used look the same.
    if (!organizationId) throw new NotFoundError('Invitation');
    return this.tenants
      .run(organizationId, async (manager) => {
        const invitation = await manager.getRepository(Invitation).findOne({
          where: { tokenHash, organizationId, acceptedAt: IsNull(), expiresAt: MoreThan(new Date()) },
          lock: { mode: 'pessimistic_write' },
        });
        // Unknown, expired and already used look the same.
        if (!invitation) throw new NotFoundError('Invitation');
        await this.entitlements.reserve(manager, invitation.organizationId, { seats: 1 }, seatsInUse);
        const user = await insertUser(manager, {
          organizationId: invitation.organizationId,
          email: invitation.email,
          name: input.name,
          passwordHash,
          role: invitation.role,
          status: 'active',
        });
        await manager.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: new Date() });
        const organization = await manager
          .getRepository(Organization)
          .findOneByOrFail({ id: invitation.organizationId });
        const tokens = await this.sessions.issue(user, manager);
        this.logger.info({ invitationId: invitation.id, userId: user.id }, 'user.invitation_accepted');
        return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
      })
      .catch((error: unknown) => {
        // The email got an account meanwhile: refused like any unusable invitation, revealing nothing.
        throw isUniqueViolation(error) ? new NotFoundError('Invitation') : error;
      });
  }
}
