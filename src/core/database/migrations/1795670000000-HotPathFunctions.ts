import { SchemaStepsMigration } from '../schema-steps';
import { type TenantScopedFunction, tenantScopedFunction } from '../tenant-scoped-function';

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

export class HotPathFunctions1795670000000 extends SchemaStepsMigration {
  name = 'HotPathFunctions1795670000000';

  protected steps = [tenantScopedFunction(TICKET_SEARCH)];
}
