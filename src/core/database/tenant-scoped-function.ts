import type { QueryRunner } from 'typeorm';
import { type SchemaStep, step } from './schema-steps';
import {
  dropSecurityDefinerFunction,
  dropSecurityDefinerFunctionStatement,
  securityDefinerFunctionStatements,
} from './security-definer';

/**
 * For migrations: a set-returning SECURITY DEFINER search over one organization's rows, for a
 * tenant query that row-level security would make slow. Under the policy a condition that is not
 * leakproof (full text's `@@`) is evaluated row by row after it, so the index that serves it is
 * never used; run by the schema owner (BYPASSRLS), the body can use it. The policy's guarantee is
 * kept by the guard every such function starts with: its `organization` argument must be the
 * transaction's tenant (`app.organization_id`), anything else is refused (42501), and with no
 * tenant set it returns nothing. The body must still filter every table on `organization`, and
 * name tables schema-qualified (`public.<name>`: search_path is pinned).
 * Knowledge search uses it (knowledge_rank_passages); ticket search can.
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

export function tenantScopedFunctionStatements({
  signature,
  returns,
  declare = '',
  body,
}: TenantScopedFunction): string[] {
  const definition = `RETURNS ${returns} AS $$
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
  // Not STRICT: optional arguments are NULL, and a NULL organization meets the guard.
  return securityDefinerFunctionStatements(signature, definition, { language: 'plpgsql', strict: false });
}

/** The function as a step of a `SchemaStepsMigration`. */
export const tenantScopedFunction = (fn: TenantScopedFunction): SchemaStep =>
  step(tenantScopedFunctionStatements(fn), dropSecurityDefinerFunctionStatement(fn.signature));

export async function createTenantScopedFunction(queryRunner: QueryRunner, fn: TenantScopedFunction): Promise<void> {
  for (const statement of tenantScopedFunctionStatements(fn)) await queryRunner.query(statement);
}

export const dropTenantScopedFunction = dropSecurityDefinerFunction;

/**
 * Replaces one form of a function by another (a migration's up, and with the two swapped its
 * down), then gives the planner the number of rows it returns (`ROWS`), which a new definition
 * resets.
 */
export async function replaceTenantScopedFunction(
  queryRunner: QueryRunner,
  replaced: TenantScopedFunction,
  by: TenantScopedFunction,
  { rows }: { rows: number },
): Promise<void> {
  await dropTenantScopedFunction(queryRunner, replaced.signature);
  await createTenantScopedFunction(queryRunner, by);
  await queryRunner.query(`ALTER FUNCTION public.${by.signature} ROWS ${rows}`);
}
