import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { actorId, type Actor } from '../auth/actor';
import { generateApiKey } from '../auth/api-key-format';
import { rankOf } from '../auth/roles';
import { sha256 } from '../auth/secret-token';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import { PaginatedResponse } from '../core/http/responses';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { Mailer } from '../mail/mailer';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { ApiKey } from './api-key.entity';
import { delegableAbove, revokeGrants, type RevokedGrants } from './delegated-authority';
import { type ApiKeyView, type CreatedApiKeyView, toApiKeyView } from './api-key.view';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    private readonly mailer: Mailer,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
    @InjectPinoLogger('api-keys') private readonly logger: PinoLogger,
  ) {}

  /**
   * The full key appears in this answer only; the database keeps its SHA-256. A key may create
   * keys no wider and no longer-lived than itself: without expiresAt the new key ends when its
   * creator does, and revoking the creator revokes it.
   */
  async create(actor: Actor, input: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    if (rankOf(input.role) > rankOf(actor.role)) throw new ForbiddenError('You cannot grant this role');
    const expiry = actor.apiKeyId ? await this.boundedByCreator(actor, input.expiresAt) : input.expiresAt;
    const { key, prefix, secret } = generateApiKey();
    const saved = await this.apiKeys.save(
      this.apiKeys.create({
        organizationId: actor.organizationId,
        name: input.name,
        role: input.role,
        prefix,
        secretHash: sha256(secret),
        createdBy: actorId(actor),
        expiresAt: expiry ?? null,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    this.logger.info({ apiKeyId: saved.id, role: saved.role }, 'api_key.created');
    await this.tellOwners(saved);
    const { id, name, role, createdAt, expiresAt } = toApiKeyView(saved);
    return { id, name, role, prefix, key, createdAt, expiresAt };
  }

  /** A new credential is news to every owner: a mail names it, its role and prefix (never the key). */
  private async tellOwners(key: ApiKey): Promise<void> {
    if (!this.mailer.enabled) return;
    const mails = await this.tenant.run(key.organizationId, async (manager) => {
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
    });
    await this.mailer.dispatch(mails);
  }

  async list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<ApiKeyView>> {
    const [keys, total] = await this.apiKeys.findAndCount({
      where: { organizationId: actor.organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: page.skip,
      take: page.limit,
    });
    return new PaginatedResponse(keys.map(toApiKeyView), total, page.skip, page.limit);
  }

  /**
   * Revoked keys stay listed (with revokedAt) for the audit trail, and stop working at once;
   * so do the keys it created and the invitations it sent that are still pending.
   */
  async revoke(actor: Actor, id: string): Promise<RevokedGrants> {
    return this.dataSource.transaction(async (manager) => {
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

  private async boundedByCreator(actor: Actor, requested: Date | undefined): Promise<Date | undefined> {
    const creator = await this.apiKeys.findOneByOrFail({ id: actor.apiKeyId, organizationId: actor.organizationId });
    if (!creator.expiresAt) return requested;
    if (requested && requested > creator.expiresAt) {
      throw new ValidationFailedError([
        { field: 'expiresAt', message: 'expiresAt cannot be later than the expiry of the key creating it' },
      ]);
    }
    return requested ?? creator.expiresAt;
  }
}
