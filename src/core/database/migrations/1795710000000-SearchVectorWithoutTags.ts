import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * PostgreSQL's text-search parser reads `<` as the start of a tag or comment and, when none
 * closes, rescans from the next character: `<!--` repeated makes to_tsvector quadratic (100 KB
 * of it outlasts the statement timeout). Extracted text holds no markup, so `<` is punctuation:
 * the search vector sees a space instead. Stored vectors stay as they are (the term statistics
 * are counted from them); new and re-indexed chunks get the new form.
 */
const vectorFunction = (prepare: (column: string) => string): string => `
  CREATE OR REPLACE FUNCTION knowledge_search_vector(headings text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig, ${prepare("coalesce(headings, '')")} || ' ' || coalesce(public.knowledge_code_parts(headings), '')), 'A')
        || setweight(to_tsvector('english'::regconfig, ${prepare("coalesce(body, '')")} || ' ' || coalesce(public.knowledge_code_parts(body), '')), 'B')
  $$`;

export class SearchVectorWithoutTags1795710000000 implements MigrationInterface {
    name = 'SearchVectorWithoutTags1795710000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(vectorFunction((column) => `translate(${column}, '<', ' ')`));
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(vectorFunction((column) => column));
    }
}
