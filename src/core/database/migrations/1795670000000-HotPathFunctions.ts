import { MigrationInterface, QueryRunner } from 'typeorm';
import { createSecurityDefinerFunction, dropSecurityDefinerFunction } from '../security-definer';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';

/**
 * Ticket full text under row-level security: `@@` is not leakproof, so behind the policy
 * PostgreSQL evaluates it row by row over the whole organization and never uses the
 * (organization_id, search_vector) GIN index. The matching ids come from this tenant-scoped
 * function instead (guard: only the transaction's organization); the list query keeps every
 * other filter, its order and its page, and still runs under the policy.
 */
const TICKET_SEARCH: TenantScopedFunction = {
  signature: 'ticket_search_ids(organization uuid, query text)',
  returns: 'SETOF uuid',
  body: `RETURN QUERY SELECT t.id FROM public.tickets t
         WHERE t.organization_id = organization
           AND t.search_vector @@ websearch_to_tsquery('english'::regconfig, query);`,
};

/**
 * The guard's per-request check of a token's user, in one round trip instead of a tenant
 * transaction's four: it answers only for the exact (user, organization) pair the verified
 * token names, and only with what the Actor needs.
 */
const ACTOR_USER = {
  signature: 'pre_tenant_actor_user(p_user uuid, p_organization uuid)',
  definition: `RETURNS TABLE (role varchar, status varchar)
    AS $$ SELECT u.role, u.status FROM public.users u WHERE u.id = p_user AND u.organization_id = p_organization $$`,
};

export class HotPathFunctions1795670000000 implements MigrationInterface {
  name = 'HotPathFunctions1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantScopedFunction(queryRunner, TICKET_SEARCH);
    await createSecurityDefinerFunction(queryRunner, ACTOR_USER.signature, ACTOR_USER.definition);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropSecurityDefinerFunction(queryRunner, ACTOR_USER.signature);
    await dropTenantScopedFunction(queryRunner, TICKET_SEARCH.signature);
  }
}
