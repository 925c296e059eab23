import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { type Actor } from '../access/actor';
import { delegableAbove, revokeGrants, type RevokedGrants } from '../access/delegated-authority';
import { atLeast, rankOf, type UserRole } from '../access/roles';
import { Entitlements } from '../plans/entitlements';
import { findOr404 } from '../core/database/find-or-404';
import { findPage } from '../core/database/paginate';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ConflictError, ForbiddenError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import { Organization } from '../organizations/organization.entity';
import type { UpdateUserDto } from './dto/update-user.dto';
import { User } from './user.entity';
import { UserSessions } from './user-sessions';
import { toUserView, type UpdatedUserView, type UserView } from './user.view';
import { seatsInUse } from './seats-in-use';

const LAST_OWNER = 'An organization needs at least one active owner';

@Injectable()
export class UsersService {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly sessions: UserSessions,
    private readonly entitlements: Entitlements,
    @InjectPinoLogger('users') private readonly logger: PinoLogger,
  ) {}

  async list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<UserView>> {
    const where = { organizationId: actor.organizationId };
    return this.tenants.run(actor.organizationId, (manager) =>
      findPage(manager.getRepository(User), { where, order: { createdAt: 'ASC', id: 'ASC' } }, page, toUserView),
    );
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    return toUserView(await this.tenants.run(actor.organizationId, (manager) => this.find(manager, actor, id)));
  }

  /**
   * Admins manage members (name, status, role up to admin); only an owner makes or unmakes
   * owners and manages admins; the last active owner can be neither demoted nor disabled.
   */
  async update(actor: Actor, id: string, changes: UpdateUserDto): Promise<UpdatedUserView> {
    return this.tenants.run(actor.organizationId, async (manager) => {
      await this.serializeMembershipChanges(manager, actor);
      const user = await this.find(manager, actor, id, true);
      const self = user.id === actor.userId;
      if (!self || changes.role !== undefined || changes.status !== undefined) this.assertCanManage(actor, user);
      if (changes.role) this.assertCanGrant(actor, changes.role);
      const losesOwnership =
        user.role === 'owner' &&
        ((changes.role !== undefined && changes.role !== 'owner') || changes.status === 'disabled');
      if (losesOwnership) await this.assertAnotherOwner(manager, user);
      if (changes.status === 'active' && user.status !== 'active') {
        // Re-enabling takes a seat again.
        await this.entitlements.reserve(manager, actor.organizationId, { seats: 1 }, seatsInUse);
      }

      const previousRole = user.role;
      const disabled = changes.status === 'disabled' && user.status !== 'disabled';
      Object.assign(user, changes);
      await manager.getRepository(User).save(user);
      if (changes.status === 'disabled') await this.sessions.revokeAllOf(user, manager);
      const demoted = changes.role !== undefined && rankOf(changes.role) < rankOf(previousRole);
      // A disabled user holds no authority, so nothing they granted outlives it (as on removal).
      const revoked = disabled
        ? await revokeGrants(manager, actor.organizationId, [user.id], delegableAbove(null))
        : demoted
          ? await revokeGrants(manager, actor.organizationId, [user.id], delegableAbove(user.role))
          : { apiKeyIds: [], invitationIds: [] };
      if (disabled) {
        this.logger.info(
          { userId: user.id, revokedApiKeyIds: revoked.apiKeyIds, revokedInvitationIds: revoked.invitationIds },
          'user.disabled',
        );
      }
      if (changes.role && changes.role !== previousRole) {
        this.logger.info(
          {
            userId: user.id,
            from: previousRole,
            to: changes.role,
            revokedApiKeyIds: revoked.apiKeyIds,
            revokedInvitationIds: revoked.invitationIds,
          },
          'user.role_changed',
        );
      }
      return { ...toUserView(user), revoked };
    });
  }

  /** Removes the user, and every API key and pending invitation they granted. */
  async remove(actor: Actor, id: string): Promise<RevokedGrants> {
    return this.tenants.run(actor.organizationId, async (manager) => {
      await this.serializeMembershipChanges(manager, actor);
      const user = await this.find(manager, actor, id, true);
      if (user.id !== actor.userId) this.assertCanManage(actor, user);
      if (user.role === 'owner') await this.assertAnotherOwner(manager, user);
      const revoked = await revokeGrants(manager, actor.organizationId, [user.id], delegableAbove(null));
      await manager.getRepository(User).delete({ id: user.id, organizationId: actor.organizationId });
      this.logger.info(
        { userId: user.id, revokedApiKeyIds: revoked.apiKeyIds, revokedInvitationIds: revoked.invitationIds },
        'user.deleted',
      );
      return revoked;
    });
  }

  /**
   * One membership change at a time per organization. Without it, two owners demoting (or
   * removing) each other at once each lock their target row and then wait for the other's in
   * assertAnotherOwner: PostgreSQL aborts one as a deadlock, which surfaced as a 500. Serialized,
   * the second one sees the first one's outcome and gets the 409. FOR NO KEY UPDATE does not
   * block the FOR KEY SHARE that inserting a user (signup, invitation accept) takes on the row.
   */
  private async serializeMembershipChanges(manager: EntityManager, actor: Actor): Promise<void> {
    await manager.getRepository(Organization).findOne({
      select: { id: true },
      where: { id: actor.organizationId },
      lock: { mode: 'for_no_key_update' },
    });
  }

  private find(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<User> {
    return findOr404(manager.getRepository(User), { id, organizationId: actor.organizationId }, 'User', { lock });
  }

  /** Owners manage anyone; admins manage members only; members manage no one. */
  private assertCanManage(actor: Actor, target: User): void {
    const allowed =
      actor.role === 'owner' || (atLeast(actor.role, 'admin') && rankOf(target.role) < rankOf(actor.role));
    if (!allowed) throw new ForbiddenError('You cannot change this user');
  }

  private assertCanGrant(actor: Actor, role: UserRole): void {
    if (rankOf(role) > rankOf(actor.role) || (role === 'owner' && actor.role !== 'owner')) {
      throw new ForbiddenError('You cannot grant this role');
    }
  }

  /** Locks the organization's owners so two concurrent demotions cannot remove the last one. */
  private async assertAnotherOwner(manager: EntityManager, leaving: User): Promise<void> {
    const owners = await manager.getRepository(User).find({
      where: { organizationId: leaving.organizationId, role: 'owner', status: 'active' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!owners.some((owner) => owner.id !== leaving.id)) throw new ConflictError(LAST_OWNER);
  }
}
