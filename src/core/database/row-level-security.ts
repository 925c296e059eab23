import type { QueryRunner } from 'typeorm';

const POLICY = 'tenant_isolation';

/**
 * For migrations: rows of `table` are visible and writable only inside a tenant transaction
 * of their organization. FORCE applies the policy to the table's owner too.
 */
export function rowLevelSecurityStatements(table: string): string[] {
  // A connection that once ran a tenant transaction reads the setting back as '' (not NULL):
  // NULLIF keeps that from failing the ::uuid cast, so such a query sees no rows instead of an error.
  const tenant = `organization_id = NULLIF(current_setting('app.organization_id', true), '')::uuid`;
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${POLICY} ON "${table}" USING (${tenant}) WITH CHECK (${tenant})`,
  ];
}

export function withoutRowLevelSecurityStatements(table: string): string[] {
  return [
    `DROP POLICY IF EXISTS ${POLICY} ON "${table}"`,
    `ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`,
    `ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`,
  ];
}

export async function enableRowLevelSecurity(queryRunner: QueryRunner, table: string): Promise<void> {
  for (const statement of rowLevelSecurityStatements(table)) await queryRunner.query(statement);
}

export async function disableRowLevelSecurity(queryRunner: QueryRunner, table: string): Promise<void> {
  for (const statement of withoutRowLevelSecurityStatements(table)) await queryRunner.query(statement);
}
