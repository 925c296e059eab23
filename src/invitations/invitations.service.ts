import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { IsNull, MoreThan } from 'typeorm';
import { actorId, type Actor } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import type { AcceptInvitationDto } from '../auth/dto/credentials.dto';
import type { SessionView } from '../auth/dto/session.view';
import { PasswordHasher } from '../auth/password-hasher';
import { PreTenantLookups } from '../auth/pre-tenant-lookups';
import { randomToken, sha256 } from '../auth/secret-token';
import { SessionService } from '../auth/session.service';
import { Entitlements } from '../billing/entitlements';
import { AppConfig } from '../core/config/app-config';
import { deleteOr404 } from '../core/database/find-or-404';
import { findPage } from '../core/database/paginate';
import { conflictOnUniqueViolation } from '../core/database/pg-errors';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ConflictError, NotFoundError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import { Organization } from '../organizations/organization.entity';
import { toOrganizationView } from '../organizations/organization.view';
import { User } from '../users/user.entity';
import { toUserView } from '../users/user.view';
import type { CreateInvitationDto } from './dto/create-invitation.dto';
import { Invitation } from './invitation.entity';
import { type CreatedInvitationView, toInvitationView, type InvitationView } from './invitation.view';

const EMAIL_TAKEN = 'This email already has an account';
const ALREADY_INVITED = 'This email is being invited right now; try again';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly lookups: PreTenantLookups,
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly entitlements: Entitlements,
    @InjectPinoLogger('invitations') private readonly logger: PinoLogger,
  ) {}

  /** A new invitation replaces any pending one for the same email in this organization. */
  async create(actor: Actor, input: CreateInvitationDto): Promise<CreatedInvitationView> {
    if (await this.lookups.emailHasAccount(input.email)) throw new ConflictError(EMAIL_TAKEN);
    const token = `inv_${randomToken(32)}`;
    // Another admin invited the same email at the same moment: theirs stands.
    const invitation = await conflictOnUniqueViolation(
      this.tenants.run(actor.organizationId, async (manager) => {
        const invitations = manager.getRepository(Invitation);
        await invitations.delete({ organizationId: actor.organizationId, email: input.email, acceptedAt: IsNull() });
        return invitations.save(
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
      }),
      ALREADY_INVITED,
    );
    this.logger.info({ invitationId: invitation.id, role: invitation.role }, 'user.invited');
    return { ...toInvitationView(invitation), token };
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

  /** The invitee becomes a user of the inviting organization, signed in. Single use. */
  async accept(input: AcceptInvitationDto): Promise<SessionView> {
    const tokenHash = sha256(input.token);
    await this.auth.limitAccount(`invitation:${tokenHash}`);
    const passwordHash = await this.passwords.hash(input.password);
    const organizationId = await this.lookups.invitationOrganization(tokenHash);
    // Unknown, expired and already used look the same.
    if (!organizationId) throw new NotFoundError('Invitation');
    return conflictOnUniqueViolation(
      this.tenants.run(organizationId, async (manager) => {
        const invitation = await manager.getRepository(Invitation).findOne({
          where: { tokenHash, organizationId, acceptedAt: IsNull(), expiresAt: MoreThan(new Date()) },
          lock: { mode: 'pessimistic_write' },
        });
        // Unknown, expired and already used look the same.
        if (!invitation) throw new NotFoundError('Invitation');
        await this.entitlements.reserve(manager, invitation.organizationId, { seats: 1 });
        const users = manager.getRepository(User);
        const user = await users.save(
          users.create({
            organizationId: invitation.organizationId,
            email: invitation.email,
            name: input.name,
            passwordHash,
            role: invitation.role,
            status: 'active',
            lastLoginAt: new Date(),
          }),
        );
        await manager.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: new Date() });
        const organization = await manager
          .getRepository(Organization)
          .findOneByOrFail({ id: invitation.organizationId });
        const tokens = await this.sessions.issue(user, manager);
        this.logger.info({ invitationId: invitation.id, userId: user.id }, 'user.invitation_accepted');
        return { user: toUserView(user), organization: toOrganizationView(organization), tokens };
      }),
      EMAIL_TAKEN,
    );
  }
}
