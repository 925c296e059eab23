/**
 * Statements in the layout TypeORM's migration generator writes them: each on its own lines,
 * indented as in the generated file. The released table migrations build theirs with these, so
 * what they send stays what it was, to the byte (migration-statements.spec.ts holds them to it).
 */
const statement = (...lines: string[]): string => `\n${lines.map((line) => `            ${line}`).join('\n')}\n        `;

/** `definitions`: the columns, then the constraints, each as the generator wrote it. */
export const createTable = (table: string, definitions: string[]): string =>
  statement(
    `CREATE TABLE "${table}" (`,
    ...definitions.map((definition, i) => `    ${definition}${i < definitions.length - 1 ? ',' : ''}`),
    ')',
  );

export const dropTable = (table: string): string => statement(`DROP TABLE "${table}"`);

/** A foreign key from `table.column` to `target.id`. */
export const addForeignKey = (
  table: string,
  constraint: string,
  column: string,
  target: string,
  onDelete: 'CASCADE' | 'SET NULL',
): string =>
  statement(
    `ALTER TABLE "${table}"`,
    `ADD CONSTRAINT "${constraint}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`,
  );

export const dropConstraint = (table: string, constraint: string): string =>
  statement(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}"`);

export const dropIndex = (index: string): string => statement(`DROP INDEX "public"."${index}"`);
