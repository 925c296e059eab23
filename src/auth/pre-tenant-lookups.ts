import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserRole } from '../access/roles';

export interface LoginCandidate {
  id: string;
  organizationId: string;
  passwordHash: string;
  status: string;
}

export interface ApiKeyCandidate {
  id: string;
  organizationId: string;
  role: UserRole;
  secretHash: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * The only queries that run outside a tenant transaction: the look-ups that find out which
 * tenant a caller belongs to. Every other query for a caller runs in `TenantTransaction.run`.
 * Each one calls a narrowly scoped SECURITY DEFINER function (migration
 * IdentityRowLevelSecurity), because the identity tables are under row-level security and the
 * application role sees none of their rows without a tenant.
 */
@Injectable()
export class PreTenantLookups {
  constructor(private readonly dataSource: DataSource) {}

  /** Login by email: the one account with this email, with what the password check needs. */
  async loginCandidate(email: string): Promise<LoginCandidate | null> {
    const [row] = await this.dataSource.query<LoginCandidate[]>(
      `SELECT id, organization_id AS "organizationId", password_hash AS "passwordHash", status
       FROM pre_tenant_login_candidate($1)`,
      [email],
    );
    return row ?? null;
  }

  /** Emails are unique across organizations: signup and invitations check before writing. */
  async emailHasAccount(email: string): Promise<boolean> {
    const [row] = await this.dataSource.query<Array<{ taken: boolean }>>(
      'SELECT pre_tenant_email_has_account($1) AS taken',
      [email],
    );
    return row.taken;
  }

  /** An API key by its public prefix; the caller checks the secret. */
  async apiKey(prefix: string): Promise<ApiKeyCandidate | null> {
    const [row] = await this.dataSource.query<ApiKeyCandidate[]>(
      `SELECT id, organization_id AS "organizationId", role, secret_hash AS "secretHash",
              expires_at AS "expiresAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
       FROM pre_tenant_api_key($1)`,
      [prefix],
    );
    return row ?? null;
  }

  /** The organization of a refresh token (by its hash), or null for an unknown one. */
  refreshSessionOrganization(tokenHash: string): Promise<string | null> {
    return this.organizationOf('pre_tenant_refresh_session_organization', tokenHash);
  }

  /** The organization of an invitation token (by its hash), or null for an unknown one. */
  invitationOrganization(tokenHash: string): Promise<string | null> {
    return this.organizationOf('pre_tenant_invitation_organization', tokenHash);
  }

  /**
   * The organization a host's subdomain names (TENANT_BASE_DOMAIN). Organizations are not
   * tenant rows (no policy applies), so this one is a plain query by the unique slug.
   */
  async organizationBySlug(slug: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>('SELECT id FROM organizations WHERE slug = $1', [
      slug,
    ]);
    return row?.id ?? null;
  }

  private async organizationOf(lookup: string, tokenHash: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ organizationId: string | null }>>(
      `SELECT ${lookup}($1) AS "organizationId"`,
      [tokenHash],
    );
    return row.organizationId;
  }
}
