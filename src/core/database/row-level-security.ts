import type { QueryRunner } from 'typeorm';

const POLICY = 'tenant_isolation';

/**
 * For migrations: rows of `table` are visible and writable only inside a tenant transaction
 * of their organization. FORCE applies the policy to the table's owner too, which is the role
 * the application connects as.
 */
export async function enableRowLevelSecurity(queryRunner: QueryRunner, table: string): Promise<void> {
  // A connection that once ran a tenant transaction reads the setting back as '' (not NULL):
  // NULLIF keeps that from failing the ::uuid cast, so such a query sees no rows instead of an error.
  const tenant = `organization_id = NULLIF(current_setting('app.organization_id', true), '')::uuid`;
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`CREATE POLICY ${POLICY} ON "${table}" USING (${tenant}) WITH CHECK (${tenant})`);
}

export async function disableRowLevelSecurity(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`DROP POLICY IF EXISTS ${POLICY} ON "${table}"`);
  await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
}
