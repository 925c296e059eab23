import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ApiKey } from '../api-keys/api-key.entity';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { UnauthorizedError } from '../core/http/app-error';
import type { Actor } from '../access/actor';
import { parseApiKey } from '../api-keys/api-key-format';
import { PreTenantLookups } from './pre-tenant-lookups';
import { sameDigest, sha256 } from '../core/crypto/secret-token';

// last_used_at is for people reading the key list; a minute of precision spares a write per request.
const LAST_USED_PRECISION_MS = 60_000;

@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly lookups: PreTenantLookups,
    private readonly tenants: TenantTransaction,
    @InjectPinoLogger('auth') private readonly logger: PinoLogger,
  ) {}

  /** The actor of a live key; UnauthorizedError for a malformed, unknown, revoked or expired one. */
  async authenticate(rawKey: string): Promise<Actor> {
    const parsed = parseApiKey(rawKey);
    const key = parsed ? await this.lookups.apiKey(parsed.prefix) : null;
    const now = new Date();
    if (
      !parsed ||
      !key ||
      !sameDigest(key.secretHash, sha256(parsed.secret)) ||
      key.revokedAt ||
      (key.expiresAt && key.expiresAt <= now)
    ) {
      throw new UnauthorizedError('Invalid, revoked or expired API key');
    }
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await this.tenants.run(key.organizationId, (manager) =>
        manager.getRepository(ApiKey).update({ id: key.id, organizationId: key.organizationId }, { lastUsedAt: now }),
      );
    }
    this.logger.debug({ apiKeyId: key.id, organizationId: key.organizationId }, 'auth.api_key_used');
    return { organizationId: key.organizationId, role: key.role, apiKeyId: key.id };
  }
}
