import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { IsNull } from 'typeorm';
import { actorId, type Actor } from '../auth/actor';
import { generateApiKey } from '../auth/api-key-format';
import { rankOf } from '../auth/roles';
import { sha256 } from '../auth/secret-token';
import { Entitlements } from '../billing/entitlements';
import { findPage } from '../core/database/paginate';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ForbiddenError, NotFoundError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import { ApiKey } from './api-key.entity';
import { type ApiKeyView, type CreatedApiKeyView, toApiKeyView } from './api-key.view';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly tenants: TenantTransaction,
    private readonly entitlements: Entitlements,
    @InjectPinoLogger('api-keys') private readonly logger: PinoLogger,
  ) {}

  /** The full key appears in this answer only; the database keeps its SHA-256. */
  async create(actor: Actor, input: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    if (rankOf(input.role) > rankOf(actor.role)) throw new ForbiddenError('You cannot grant this role');
    const { key, prefix, secret } = generateApiKey();
    const saved = await this.tenants.run(actor.organizationId, async (manager) => {
      await this.entitlements.reserve(manager, actor.organizationId, { apiKeys: 1 });
      const apiKeys = manager.getRepository(ApiKey);
      return apiKeys.save(
        apiKeys.create({
          organizationId: actor.organizationId,
          name: input.name,
          role: input.role,
          prefix,
          secretHash: sha256(secret),
          createdBy: actorId(actor),
          expiresAt: input.expiresAt ?? null,
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
    });
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

  /** Revoked keys stay listed (with revokedAt) for the audit trail, and stop working at once. */
  async revoke(actor: Actor, id: string): Promise<void> {
    const { affected } = await this.tenants.run(actor.organizationId, (manager) =>
      manager
        .getRepository(ApiKey)
        .update({ id, organizationId: actor.organizationId, revokedAt: IsNull() }, { revokedAt: new Date() }),
    );
    if (!affected) throw new NotFoundError('API key');
    this.logger.info({ apiKeyId: id }, 'api_key.revoked');
  }
}
