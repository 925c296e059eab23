import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import {
  AnsweringPassageOfEachDocument1795740000000,
  RANK_PASSAGES_INTERFACE,
  SCORE_AND_CHOOSE_PASSAGES,
  TERM_WEIGHTS,
} from './1795740000000-AnsweringPassageOfEachDocument';

/** A title's terms as chunks are indexed (knowledge_search_vector): its lexemes and its code-like parts'. */
const TITLE_TERMS = `tsvector_to_array(to_tsvector('english'::regconfig, NEW.title || ' ' || public.knowledge_code_parts(NEW.title)))`;

/**
 * The chunks' search index over a fixed sixteenth of them (by the last byte of the id, random in
 * both UUID versions used): a query of common words only reads posting lists a sixteenth as long.
 * Declared in the entity with synchronize: false.
 */
const SAMPLE_INDEX = `CREATE INDEX "IDX_document_chunks_search_sample" ON "document_chunks" USING gin ("organization_id", "search_vector") WHERE get_byte(uuid_send("id"), 15) < 16`;

/** The fourth form's constants and variables (CHOOSE_CANDIDATES's), shared by later forms. */
export const CANDIDATES_DECLARE = `
    candidate_budget constant integer := 1000;
    -- Documents whose best chunks are re-scored: a few more than asked, so re-scoring can promote one.
    extra_documents constant integer := 3;
    -- Chunks of each such document that are re-scored (of one document searched alone: four per result).
    shortlist_per_document constant integer := 4;
    -- A query of common words only, whose rarest own term is in this many budgets of chunks, draws
    -- its candidates from the sample first (the sixteenth of the chunks the sample index holds).
    sample_from constant integer := 16;
    -- Fewer candidates than this in the sample, and the whole organization is searched.
    sample_enough constant integer := 250;
    own text[];
    known text[];
    rare text[];
    rarest_own integer;
    sampled boolean;
    most_of_table boolean;
    narrow tsquery;
    wide tsquery;`;

/**
 * The fourth form's choice of candidates (below), up to the `candidates` CTE: the query's known
 * terms, their weights (TERM_WEIGHTS) and the chunks to score. Shared by later forms.
 */
export const CHOOSE_CANDIDATES = `
    -- The query's terms the organization has (own and related), rarest first, and those within the budget.
    SELECT array_agg(t.term ORDER BY t.chunk_count, t.term),
           array_agg(t.term ORDER BY t.chunk_count, t.term) FILTER (WHERE t.cumulative <= candidate_budget),
           array_agg(t.term ORDER BY t.chunk_count, t.term) FILTER (WHERE t.term = ANY(terms)),
           min(t.chunk_count) FILTER (WHERE t.term = ANY(terms))
      INTO known, rare, own, rarest_own
      FROM (SELECT k.term, k.chunk_count, sum(k.chunk_count) OVER (ORDER BY k.chunk_count, k.term) AS cumulative
              FROM public.knowledge_terms k
             WHERE k.organization_id = organization
               AND (k.term = ANY(terms) OR k.term = ANY(coalesce(related_terms, '{}')))) AS t;
    IF known IS NULL THEN
      RETURN;
    END IF;

    -- Candidates: chunks holding a rare term, or all of the user's own terms; if those are too
    -- few and some term is not rare, chunks holding any term.
    narrow := (coalesce(array_to_string(array(SELECT quote_literal(r) FROM unnest(rare) r), ' | '), '')
               || CASE WHEN rare IS NULL OR own IS NULL THEN '' ELSE ' | ' END
               || CASE WHEN own IS NULL THEN ''
                       ELSE '(' || array_to_string(array(SELECT quote_literal(o) FROM unnest(own) o), ' & ') || ')' END)::tsquery;
    sampled := rare IS NULL AND coalesce(rarest_own >= sample_from * candidate_budget, false);
    most_of_table := coalesce((
      SELECT c.chunk_count > table_rows.reltuples / 2 AND table_rows.reltuples > 0
        FROM public.knowledge_corpus c, pg_catalog.pg_class table_rows
       WHERE c.organization_id = organization AND table_rows.oid = 'public.document_chunks'::regclass), false);
    IF cardinality(known) > coalesce(cardinality(rare), 0) THEN
      wide := array_to_string(array(SELECT quote_literal(k) FROM unnest(known) k), ' | ')::tsquery;
    END IF;

    RETURN QUERY
${TERM_WEIGHTS}
    ), narrowed_sample AS MATERIALIZED (
      -- Common words only: their posting lists in the sample index are a sixteenth as long (a bitmap
      -- scan reads them whole, whatever the LIMIT); the predicate is the index's, to the letter.
      SELECT chunk.id, chunk.document_id, chunk.search_vector
        FROM public.document_chunks chunk
       WHERE sampled
         AND chunk.organization_id = organization
         AND get_byte(uuid_send(chunk.id), 15) < 16
         AND chunk.search_vector @@ narrow
         AND (query_filter IS NULL OR chunk.search_vector @@ query_filter)
         AND (only_document IS NULL OR chunk.document_id = only_document)
       LIMIT candidate_budget
    ), narrowed_by_organization AS MATERIALIZED (
      -- Read once, with the vectors that score them: the index scan's rows are the candidates.
      SELECT chunk.id, chunk.document_id, chunk.search_vector
        FROM public.document_chunks chunk
       WHERE NOT most_of_table
         AND (NOT sampled OR (SELECT count(*) FROM narrowed_sample) < sample_enough)
         AND chunk.organization_id = organization
         AND chunk.search_vector @@ narrow
         AND (query_filter IS NULL OR chunk.search_vector @@ query_filter)
         AND (only_document IS NULL OR chunk.document_id = only_document)
       LIMIT candidate_budget
    ), narrowed_by_terms AS MATERIALIZED (
      -- The same, for an organization holding most of the table: the index is searched by the terms
      -- alone (IS TRUE keeps the organization out of the index condition), and the few rows of
      -- other organizations are dropped from the heap; its own key's posting list, nearly every
      -- chunk of the table, would cost more to decode than they do.
      SELECT chunk.id, chunk.document_id, chunk.search_vector
        FROM public.document_chunks chunk
       WHERE most_of_table
         AND (NOT sampled OR (SELECT count(*) FROM narrowed_sample) < sample_enough)
         AND (chunk.organization_id = organization) IS TRUE
         AND chunk.search_vector @@ narrow
         AND (query_filter IS NULL OR chunk.search_vector @@ query_filter)
         AND (only_document IS NULL OR chunk.document_id = only_document)
       LIMIT candidate_budget
    ), narrowed AS (
      SELECT * FROM narrowed_by_organization UNION ALL SELECT * FROM narrowed_by_terms
    ), widened AS MATERIALIZED (
      -- Scanned only when the narrow candidates are too few (a one-time condition).
      SELECT chunk.id, chunk.document_id, chunk.search_vector
        FROM public.document_chunks chunk
       WHERE wide IS NOT NULL
         AND greatest((SELECT count(*) FROM narrowed), (SELECT count(*) FROM narrowed_sample)) < result_limit
         AND chunk.organization_id = organization
         AND chunk.search_vector @@ wide
         AND (query_filter IS NULL OR chunk.search_vector @@ query_filter)
         AND (only_document IS NULL OR chunk.document_id = only_document)
       LIMIT candidate_budget
    ), candidates AS (
      SELECT widened.* FROM widened
      UNION ALL
      SELECT narrowed.* FROM narrowed WHERE NOT EXISTS (SELECT FROM widened)
      UNION ALL
      SELECT narrowed_sample.* FROM narrowed_sample WHERE NOT EXISTS (SELECT FROM widened) AND NOT EXISTS (SELECT FROM narrowed)
`;

/** The candidates' documents' title weights (`titles`: id, idf), and any `columns` more of them. */
const titlesOfCandidates = (columns = ''): string => `    ), titles AS (
      -- The title's terms are stored with the document (documents.title_terms).
      SELECT d.id, sum(w.idf) * count(*) / greatest(cardinality(d.title_terms), 1) AS idf${columns}
        FROM public.documents d, unnest(d.title_terms) AS lexeme
        JOIN weights w ON w.term = lexeme
       WHERE d.organization_id = organization
         AND d.id = ANY(array(SELECT DISTINCT candidates.document_id FROM candidates)) -- by key, not a scan of every document
       GROUP BY d.id, d.title_terms`;
/** Exported as strings: every function a migration file exports is loaded as a migration. */
export const TITLES_OF_CANDIDATES = titlesOfCandidates();
/** The same with the title's terms the query has (`terms`), for later forms. */
export const TITLES_AND_TERMS_OF_CANDIDATES = titlesOfCandidates(', array_agg(w.term) AS terms');

/**
 * The ranking core (issue 13), fourth form: what 1795740000000 ranks, ranked the same (but for
 * queries of common words only in large organizations, below), at a cost
 * that grows with the chunks a query reads rather than with the organization (at 1M chunks the
 * third form spent most of its time in the first two):
 * - a document's title terms are stored with it (documents.title_terms, set by a trigger on
 *   insert and on a title change), not parsed from every candidate document's title per query;
 * - the candidates are read once, by the index scan that finds them, with the vectors that score
 *   them, not collected as ids and fetched again by primary key; the wider scan (any term) runs
 *   only when the narrow one found too few, as before;
 * - a query of common words only (none within the candidate budget, the rarest of the user's in
 *   16 budgets of chunks or more: only organizations past 16,000 chunks) takes its candidates,
 *   the chunks holding all of its words, from the sample index first, whose posting lists are a
 *   sixteenth as long, and searches the whole organization only if the sample holds fewer than
 *   250; either way it ranks a bounded sample of those chunks, as the third form did (which took
 *   the first 1,000 in the table's order, after reading the whole posting lists);
 * - an organization holding more than half of the table's chunks (pg_class.reltuples) searches
 *   the index by its terms alone and drops other organizations' rows from the heap: its own key's
 *   posting list in the two-column GIN index lists nearly every chunk, and decoding it cost about
 *   15 ms of a rare query at 1M chunks, against 2 ms for the terms;
 * - the titles of the candidates' documents are read by key, and the function's row estimate is
 *   its real size (20), so neither it nor SEARCH_SQL scans all of the organization's documents.
 */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...RANK_PASSAGES_INTERFACE,
  declare: CANDIDATES_DECLARE,
  body: `${CHOOSE_CANDIDATES}${TITLES_OF_CANDIDATES}
${SCORE_AND_CHOOSE_PASSAGES}`,
};


export class RankingAtScale1795760000000 implements MigrationInterface {
  name = 'RankingAtScale1795760000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" ADD "title_terms" text array`);
    await queryRunner.query(`
      CREATE FUNCTION knowledge_title_terms() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.title_terms := ${TITLE_TERMS};
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER knowledge_title_terms BEFORE INSERT OR UPDATE OF title ON documents
      FOR EACH ROW EXECUTE FUNCTION knowledge_title_terms()`);
    // Existing documents (the trigger fires on the title being set).
    await queryRunner.query(`UPDATE documents SET title = title`);
    await queryRunner.query(SAMPLE_INDEX);
    await dropTenantScopedFunction(queryRunner, RANK_PASSAGES.signature);
    await createTenantScopedFunction(queryRunner, RANK_PASSAGES);
    // Its callers join a few rows to documents and chunks by key; at the default estimate (1,000)
    // the planner scans every document of the organization instead.
    await queryRunner.query(`ALTER FUNCTION public.${RANK_PASSAGES.signature} ROWS 20`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, RANK_PASSAGES.signature);
    // The third form (its `up` drops the second form's function first, which is gone already).
    await new AnsweringPassageOfEachDocument1795740000000().up(queryRunner);
    await queryRunner.query(`DROP INDEX "public"."IDX_document_chunks_search_sample"`);
    await queryRunner.query(`DROP TRIGGER knowledge_title_terms ON documents`);
    await queryRunner.query(`DROP FUNCTION knowledge_title_terms()`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "title_terms"`);
  }
}
