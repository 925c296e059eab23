import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";
import { createSecurityDefinerFunction, dropSecurityDefinerFunction } from "../security-definer";

/** Identity tables join the content tables under the tenant policy. */
const TENANT_TABLES = ['users', 'api_keys', 'invitations', 'refresh_sessions'];

/**
 * The look-ups that must run before a tenant is known (src/auth/pre-tenant-lookups.ts calls them).
 * Under FORCE row-level security the application role sees none of these rows without a tenant,
 * so each look-up is a SECURITY DEFINER function owned by the schema owner (the role that runs
 * migrations, which has BYPASSRLS). Each one answers exactly one equality question and returns
 * only what its caller needs: no pattern, no list, nothing for NULL (STRICT).
 *
 * Later SECURITY DEFINER functions (e.g. a full-text search that must use a GIN index the
 * policy would defeat) use the same helper (createSecurityDefinerFunction: pinned search_path,
 * no EXECUTE for PUBLIC) and also filter on the organization explicitly, refusing any but
 * `current_setting('app.organization_id', true)`.
 */
const FUNCTIONS: Array<{ signature: string; definition: string }> = [
  {
    // Login by email: the one candidate for that email (emails are unique across Deskbase).
    signature: 'pre_tenant_login_candidate(p_email text)',
    definition: `RETURNS TABLE (id uuid, organization_id uuid, password_hash varchar, status varchar)
      AS $$ SELECT u.id, u.organization_id, u.password_hash, u.status FROM public.users u WHERE u.email = p_email $$`,
  },
  {
    // Signup and invitations refuse an email that already has an account in any organization.
    signature: 'pre_tenant_email_has_account(p_email text)',
    definition: `RETURNS boolean
      AS $$ SELECT EXISTS (SELECT 1 FROM public.users u WHERE u.email = p_email) $$`,
  },
  {
    // An API key by its public prefix; the caller compares the secret's hash.
    signature: 'pre_tenant_api_key(p_prefix text)',
    definition: `RETURNS TABLE (id uuid, organization_id uuid, role varchar, secret_hash char(64),
        expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
      AS $$ SELECT k.id, k.organization_id, k.role, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at
            FROM public.api_keys k WHERE k.prefix = p_prefix $$`,
  },
  {
    // A refresh token's organization; the rotation itself runs in that tenant's transaction.
    signature: 'pre_tenant_refresh_session_organization(p_token_hash text)',
    definition: `RETURNS uuid
      AS $$ SELECT s.organization_id FROM public.refresh_sessions s WHERE s.token_hash = p_token_hash $$`,
  },
  {
    // An invitation token's organization; the acceptance itself runs in that tenant's transaction.
    signature: 'pre_tenant_invitation_organization(p_token_hash text)',
    definition: `RETURNS uuid
      AS $$ SELECT i.organization_id FROM public.invitations i WHERE i.token_hash = p_token_hash $$`,
  },
];

export class IdentityRowLevelSecurity1795300000000 implements MigrationInterface {
    name = 'IdentityRowLevelSecurity1795300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of TENANT_TABLES) await enableRowLevelSecurity(queryRunner, table);
        for (const { signature, definition } of FUNCTIONS) {
            await createSecurityDefinerFunction(queryRunner, signature, definition);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const { signature } of FUNCTIONS) await dropSecurityDefinerFunction(queryRunner, signature);
        for (const table of TENANT_TABLES) await disableRowLevelSecurity(queryRunner, table);
    }
}
