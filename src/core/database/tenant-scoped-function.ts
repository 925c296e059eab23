import type { QueryRunner } from 'typeorm';

/**
 * For migrations: a set-returning SECURITY DEFINER function for a tenant query that row-level
 * security would make slow. Under the policy, a condition that is not leakproof (full text's
 * `@@`) is evaluated row by row after it, so the index that serves it is never used; run by
 * the schema owner (BYPASSRLS), the function's body can use it. The policy's guarantee is kept
 * by a guard every such function starts with: its `organization` argument must be the
 * transaction's tenant (`app.organization_id`), anything else is refused, and with no tenant
 * set it returns nothing. The body must still filter every table on `organization` itself.
 *
 * search_path is pinned to pg_catalog: the body names our objects as `public.<name>`.
 * EXECUTE is revoked from PUBLIC; the application role gets it from the owner's default
 * privileges. Knowledge search uses it (knowledge_rank_chunks); so can ticket search.
 */
export interface TenantScopedFunction {
  /** `name(organization uuid, ...)`: the first argument must be named `organization`. */
  signature: string;
  /** `TABLE (...)` or `SETOF ...`. */
  returns: string;
  /** plpgsql declarations, if any. */
  declare?: string;
  /** plpgsql statements after the guard, ending in RETURN QUERY ... */
  body: string;
}

export const tenantScopedFunctionSql = ({ signature, returns, declare = '', body }: TenantScopedFunction): string => `
  CREATE FUNCTION public.${signature} RETURNS ${returns}
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  DECLARE
    ${declare}
  BEGIN
    IF nullif(current_setting('app.organization_id', true), '') IS NULL THEN
      RETURN;
    END IF;
    IF organization IS DISTINCT FROM nullif(current_setting('app.organization_id', true), '')::uuid THEN
      RAISE EXCEPTION 'this search is limited to the organization of the transaction' USING ERRCODE = '42501';
    END IF;
    ${body}
  END $$`;

export async function createTenantScopedFunction(queryRunner: QueryRunner, fn: TenantScopedFunction): Promise<void> {
  await queryRunner.query(tenantScopedFunctionSql(fn));
  await queryRunner.query(`REVOKE ALL ON FUNCTION public.${fn.signature} FROM PUBLIC`);
}
