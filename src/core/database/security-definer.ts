import type { QueryRunner } from 'typeorm';

/**
 * For migrations: a SQL function that runs with its owner's rights, i.e. the schema owner's (the
 * migration role, BYPASSRLS). For the few queries the tenant policy must not filter: a look-up
 * before any tenant is known, or a search whose GIN index the non-leakproof policy would defeat
 * (that one filters on `organization_id = current_setting('app.organization_id', true)::uuid`
 * itself). `search_path` is pinned, so write every table name schema-qualified (`public.users`);
 * PUBLIC loses EXECUTE, and the application role gets it from the owner's default privileges
 * (scripts/database/grants.sql). `definition` is what follows the signature: RETURNS ... AS $$ ... $$.
 */
export function securityDefinerFunctionStatements(
  signature: string,
  definition: string,
  {
    language = 'sql',
    volatility = 'STABLE',
    strict = true,
  }: {
    language?: 'sql' | 'plpgsql';
    volatility?: 'STABLE' | 'VOLATILE';
    /** False for a function with optional (NULL) arguments, which must then handle NULL itself. */
    strict?: boolean;
  } = {},
): string[] {
  return [
    `CREATE FUNCTION public.${signature} ${definition}
     LANGUAGE ${language} ${volatility} ${strict ? 'STRICT' : ''} SECURITY DEFINER SET search_path = pg_catalog, pg_temp`,
    `REVOKE ALL ON FUNCTION public.${signature} FROM PUBLIC`,
  ];
}

export const dropSecurityDefinerFunctionStatement = (signature: string): string =>
  `DROP FUNCTION IF EXISTS public.${signature}`;

export async function createSecurityDefinerFunction(
  queryRunner: QueryRunner,
  ...definition: Parameters<typeof securityDefinerFunctionStatements>
): Promise<void> {
  for (const statement of securityDefinerFunctionStatements(...definition)) await queryRunner.query(statement);
}

export async function dropSecurityDefinerFunction(queryRunner: QueryRunner, signature: string): Promise<void> {
  await queryRunner.query(dropSecurityDefinerFunctionStatement(signature));
}
