import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { type EntityManager, IsNull } from 'typeorm';
import { actorId, type Actor } from '../access/actor';
import { generateApiKey } from './api-key-format';
import { rankOf } from '../access/roles';
import { sha256 } from '../core/crypto/secret-token';
import { Entitlements } from '../plans/entitlements';
import { findPage } from '../core/database/paginate';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import { Mailer } from '../mail/mailer';
import type { MailJob } from '../mail/mail-job';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { ApiKey } from './api-key.entity';
import { type ApiKeyView, type CreatedApiKeyView, toApiKeyView } from './api-key.view';
import { delegableAbove, revokeGrants, type RevokedGrants } from '../access/delegated-authority';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';
import { apiKeysInUse } from './api-keys-in-use';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly mailer: Mailer,
    private readonly entitlements: Entitlements,
    @InjectPinoLogger('api-keys') private readonly logger: PinoLogger,
  ) {}

  /**
   * The full key appears in this answer only; the database keeps its SHA-256. A key may create
   * keys no wider and no longer-lived than itself: without expiresAt the new key ends when its
   * creator does, and revoking the creator revokes it. Every owner is told by mail.
   */
  async create(actor: Actor, input: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    if (rankOf(input.role) > rankOf(actor.role)) throw new ForbiddenError('You cannot grant this role');
    const { key, prefix, secret } = generateApiKey();
    const { saved, mails } = await this.tenants.run(actor.organizationId, async (manager) => {
      await this.entitlements.reserve(manager, actor.organizationId, { apiKeys: 1 }, apiKeysInUse);
      const apiKeys = manager.getRepository(ApiKey);
      const expiresAt = actor.apiKeyId ? await this.boundedByCreator(manager, actor, input.expiresAt) : input.expiresAt;
      const saved = await apiKeys.save(
        apiKeys.create({
          organizationId: actor.organizationId,
          name: input.name,
          role: input.role,
          prefix,
          secretHash: sha256(secret),
          createdBy: actorId(actor),
          expiresAt: expiresAt ?? null,
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      return { saved, mails: await this.tellOwners(manager, saved) };
    });
    await this.mailer.dispatch(mails);
    this.logger.info({ apiKeyId: saved.id, role: saved.role }, 'api_key.created');
    const { id, name, role, createdAt, expiresAt } = toApiKeyView(saved);
    return { id, name, role, prefix, key, createdAt, expiresAt };
  }

  async list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<ApiKeyView>> {
    const where = { organizationId: actor.organizationId };
    return this.tenants.run(actor.organizationId, (manager) =>
      findPage(manager.getRepository(ApiKey), { where, order: { createdAt: 'DESC', id: 'DESC' } }, page, toApiKeyView),
    );
  }

  /**
   * Revoked keys stay listed (with revokedAt) for the audit trail, and stop working at once;
   * so do the keys it created and the invitations it sent that are still pending.
   */
  async revoke(actor: Actor, id: string): Promise<RevokedGrants> {
    return this.tenants.run(actor.organizationId, async (manager) => {
      const { affected } = await manager
        .getRepository(ApiKey)
        .update({ id, organizationId: actor.organizationId, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!affected) throw new NotFoundError('API key');
      const grants = await revokeGrants(manager, actor.organizationId, [id], delegableAbove(null));
      this.logger.info(
        { apiKeyId: id, revokedApiKeyIds: grants.apiKeyIds, revokedInvitationIds: grants.invitationIds },
        'api_key.revoked',
      );
      return grants;
    });
  }

  private async boundedByCreator(
    manager: EntityManager,
    actor: Actor,
    requested: Date | undefined,
  ): Promise<Date | undefined> {
    const creator = await manager
      .getRepository(ApiKey)
      .findOneByOrFail({ id: actor.apiKeyId, organizationId: actor.organizationId });
    if (!creator.expiresAt) return requested;
    if (requested && requested > creator.expiresAt) {
      throw new ValidationFailedError([
        { field: 'expiresAt', message: 'expiresAt cannot be later than the expiry of the key creating it' },
      ]);
    }
    return requested ?? creator.expiresAt;
  }

  /** A new credential is news to every owner: a mail names it, its role and prefix (never the key). */
  private async tellOwners(manager: EntityManager, key: ApiKey): Promise<Array<MailJob | null>> {
    if (!this.mailer.enabled) return [];
    const organization = await manager.getRepository(Organization).findOneByOrFail({ id: key.organizationId });
    const owners = await manager.getRepository(User).find({
      select: { email: true },
      where: { organizationId: key.organizationId, role: 'owner', status: 'active' },
    });
    const params = {
      organizationName: organization.name,
      keyName: key.name,
      role: key.role,
      prefix: key.prefix,
      createdAt: key.createdAt.toISOString(),
    };
    return Promise.all(
      owners.map(({ email }) =>
        this.mailer.record(manager, {
          organizationId: key.organizationId,
          to: email,
          template: 'api-key-created',
          params,
        }),
      ),
    );
  }
}
