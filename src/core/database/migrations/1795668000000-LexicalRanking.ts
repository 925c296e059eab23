import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableRowLevelSecurity, enableRowLevelSecurity } from '../row-level-security';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';

/**
 * Lexical ranking of the knowledge base (issue 13):
 * - chunks are indexed with the parts of code-like tokens too (`jwt.decode` also as `jwt`, `decode`;
 *   `CamelCase` as `camel`, `case`), by one SQL function the indexer and this migration share;
 * - per-organization term statistics (chunks containing each term; chunks and terms in all)
 *   for BM25, kept exact by statement triggers on document_chunks: every insert, delete and
 *   cascade updates them in the same transaction, under the tenant policy like the chunks.
 */
const STATS_TABLES = ['knowledge_terms', 'knowledge_corpus'];

/** The statement triggers on document_chunks; an update is a removal and an addition. */
const TRIGGERS = [
  { name: 'knowledge_chunks_added', event: 'INSERT', table: 'NEW TABLE AS added', counts: 'knowledge_count_added_chunks' },
  { name: 'knowledge_chunks_removed', event: 'DELETE', table: 'OLD TABLE AS removed', counts: 'knowledge_count_removed_chunks' },
  { name: 'knowledge_chunks_updated_removed', event: 'UPDATE', table: 'OLD TABLE AS removed', counts: 'knowledge_count_removed_chunks' },
  { name: 'knowledge_chunks_updated_added', event: 'UPDATE', table: 'NEW TABLE AS added', counts: 'knowledge_count_added_chunks' },
];

/**
 * The ranking core (BM25, k1 = 1.2, b = 0.75): the best chunks of the transaction's organization
 * for the query's terms (lexemes), at most `per_document` of each document, with their scores.
 * - Only chunks holding a query term are read: first those holding a term rarer than the
 *   candidate budget or all of the terms, then, if that is too few, any term, up to the budget
 *   (then the ranking of chunks holding nothing but very common words is approximate).
 * - Term frequency is ts_rank's saturating sum over a term's occurrences, scaled so that one
 *   occurrence in the text counts 1 and one in a heading 2; length is the chunk's distinct
 *   terms. Terms of the document's title add their IDF times the share of the title they
 *   cover: naming a document counts, one word of a long title little. Everything is multiplied by IDF,
 *   so a generic heading weighs little against a rare term.
 * - `query_filter` (search syntax: phrases, exclusions, OR) narrows the candidates when given.
 * - A SECURITY DEFINER function (tenant-scoped-function.ts): run by the schema owner, the
 *   chunks' GIN index serves `@@`, which row-level security would evaluate row by row; it
 *   refuses any organization but the transaction's and returns nothing with no tenant set.
 */
const RANK_CHUNKS: TenantScopedFunction = {
  signature: `knowledge_rank_chunks(
    organization uuid, terms text[], query_filter tsquery, only_document uuid, result_limit integer, per_document integer)`,
  returns: 'TABLE (chunk_id uuid, document_id uuid, score double precision)',
  declare: `
    candidate_budget constant integer := 1000;
    known text[];
    rare text[];
    narrow tsquery;
    chosen uuid[];`,
  body: `
    -- The query's terms the organization has, rarest first, and those within the budget.
    SELECT array_agg(t.term ORDER BY t.chunk_count, t.term),
           array_agg(t.term ORDER BY t.chunk_count, t.term) FILTER (WHERE t.cumulative <= candidate_budget)
      INTO known, rare
      FROM (SELECT k.term, k.chunk_count, sum(k.chunk_count) OVER (ORDER BY k.chunk_count, k.term) AS cumulative
              FROM public.knowledge_terms k
             WHERE k.organization_id = organization AND k.term = ANY(terms)) AS t;
    IF known IS NULL THEN
      RETURN;
    END IF;

    narrow := (coalesce(array_to_string(array(SELECT quote_literal(r) FROM unnest(rare) r), ' | '), '')
               || CASE WHEN rare IS NULL THEN '' ELSE ' | ' END
               || '(' || array_to_string(array(SELECT quote_literal(k) FROM unnest(known) k), ' & ') || ')')::tsquery;
    SELECT array_agg(c.id) INTO chosen FROM (
      SELECT chunk.id FROM public.document_chunks chunk
       WHERE chunk.organization_id = organization
         AND chunk.search_vector @@ narrow
         AND (query_filter IS NULL OR chunk.search_vector @@ query_filter)
         AND (only_document IS NULL OR chunk.document_id = only_document)
       LIMIT candidate_budget) AS c;
    IF coalesce(cardinality(chosen), 0) < result_limit AND cardinality(known) > coalesce(cardinality(rare), 0) THEN
      SELECT array_agg(c.id) INTO chosen FROM (
        SELECT chunk.id FROM public.document_chunks chunk
         WHERE chunk.organization_id = organization
           AND chunk.search_vector @@ array_to_string(array(SELECT quote_literal(k) FROM unnest(known) k), ' | ')::tsquery
           AND (query_filter IS NULL OR chunk.search_vector @@ query_filter)
           AND (only_document IS NULL OR chunk.document_id = only_document)
         LIMIT candidate_budget) AS c;
    END IF;

    RETURN QUERY
    WITH corpus AS (
      SELECT c.chunk_count::double precision AS chunks,
             greatest(c.term_count::double precision / greatest(c.chunk_count, 1), 1) AS average_length
        FROM public.knowledge_corpus c WHERE c.organization_id = organization
    ), weights AS (
      SELECT k.term, quote_literal(k.term)::tsquery AS query,
             ln(1 + (corpus.chunks - k.chunk_count + 0.5) / (k.chunk_count + 0.5)) AS idf
        FROM public.knowledge_terms k, corpus
       WHERE k.organization_id = organization AND k.term = ANY(known)
    ), candidates AS (
      SELECT chunk.id, chunk.document_id, chunk.search_vector
        FROM public.document_chunks chunk
       WHERE chunk.organization_id = organization AND chunk.id = ANY(chosen)
    ), title_terms AS MATERIALIZED (
      SELECT d.id, tsvector_to_array(to_tsvector('english'::regconfig, d.title || ' ' || public.knowledge_code_parts(d.title))) AS lexemes
        FROM public.documents d
       WHERE d.organization_id = organization AND d.id IN (SELECT candidates.document_id FROM candidates)
    ), titles AS (
      SELECT title_terms.id, sum(w.idf) * count(*) / greatest(cardinality(min(title_terms.lexemes)), 1) AS idf
        FROM title_terms, unnest(title_terms.lexemes) AS lexeme
        JOIN weights w ON w.term = lexeme
       GROUP BY title_terms.id
    ), hits AS (
      SELECT candidates.id, candidates.document_id,
             w.idf * f.frequency * 2.2
               / (f.frequency + 1.2 * (0.25 + 0.75 * length(candidates.search_vector) / corpus.average_length)) AS score
        FROM candidates
        CROSS JOIN corpus
        CROSS JOIN weights w
        CROSS JOIN LATERAL (
          SELECT ts_rank('{0, 0, 0.5, 1}', candidates.search_vector, w.query) / 0.303964 AS frequency
        ) AS f
       WHERE f.frequency > 0
    ), scored AS (
      SELECT hits.id, hits.document_id, sum(hits.score) + coalesce(min(titles.idf), 0) AS score
        FROM hits
        LEFT JOIN titles ON titles.id = hits.document_id
       GROUP BY hits.id, hits.document_id
    ), diverse AS (
      SELECT scored.*, row_number() OVER (PARTITION BY scored.document_id ORDER BY scored.score DESC, scored.id) AS nth
        FROM scored
    )
    SELECT diverse.id, diverse.document_id, diverse.score
      FROM diverse
     WHERE diverse.nth <= per_document
     ORDER BY diverse.score DESC, diverse.id
     LIMIT result_limit;
`,
};

export class LexicalRanking1795668000000 implements MigrationInterface {
  name = 'LexicalRanking1795668000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The parts of code-like tokens: dotted, slashed, dashed, snake_case and CamelCase words.
    // PostgreSQL's regular expressions do not backtrack exponentially.
    await queryRunner.query(`
      CREATE FUNCTION knowledge_code_parts(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(part, ' '), '')
        FROM regexp_matches(input,
               '[[:alnum:]]+(?:[._/:-]+[[:alnum:]]+)+|[[:alnum:]]*[[:lower:]][[:upper:]][[:alnum:]]*|[[:alnum:]]*[[:upper:]]{2}[[:lower:]][[:alnum:]]*',
               'g') AS token(match),
             regexp_split_to_table(
               regexp_replace(match[1], '([[:lower:][:digit:]])([[:upper:]])|([[:upper:]])([[:upper:]][[:lower:]])', '\\1\\3 \\2\\4', 'g'),
               '[^[:alnum:]]+') AS part
        WHERE part <> ''
      $$`);
    // What a chunk is found by: its headings (weight A) and its text (weight B), code parts included.
    await queryRunner.query(`
      CREATE FUNCTION knowledge_search_vector(headings text, body text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, coalesce(headings, '') || ' ' || coalesce(public.knowledge_code_parts(headings), '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(body, '') || ' ' || coalesce(public.knowledge_code_parts(body), '')), 'B')
      $$`);
    await queryRunner.query(`
      CREATE TABLE knowledge_terms (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        term text NOT NULL,
        chunk_count integer NOT NULL,
        PRIMARY KEY (organization_id, term)
      )`);
    await queryRunner.query(`
      CREATE TABLE knowledge_corpus (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        chunk_count integer NOT NULL,
        term_count bigint NOT NULL -- distinct terms of each chunk, summed: the lengths BM25 normalises by
      )`);

    // Existing chunks: new vectors and their statistics (the migration role, the schema owner,
    // bypasses row-level security and sees every organization's rows).
    await queryRunner.query(`
      UPDATE document_chunks SET search_vector = knowledge_search_vector(array_to_string(heading_path, ' '), text)`);
    await queryRunner.query(`
      INSERT INTO knowledge_terms (organization_id, term, chunk_count)
      SELECT organization_id, lexeme, count(*) FROM document_chunks, unnest(search_vector) GROUP BY 1, 2`);
    await queryRunner.query(`
      INSERT INTO knowledge_corpus (organization_id, chunk_count, term_count)
      SELECT organization_id, count(*), sum(length(search_vector)) FROM document_chunks GROUP BY 1`);

    // One writer of an organization's statistics at a time (the transaction-scoped lock) keeps
    // two documents indexed at once from deadlocking on the terms they share.
    await queryRunner.query(`
      CREATE FUNCTION knowledge_count_added_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('knowledge_terms:' || organization_id::text, 0))
        FROM (SELECT DISTINCT organization_id FROM added ORDER BY 1) AS organizations;
        INSERT INTO knowledge_terms AS t (organization_id, term, chunk_count)
        SELECT organization_id, lexeme, count(*) FROM added, unnest(added.search_vector) GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (organization_id, term) DO UPDATE SET chunk_count = t.chunk_count + EXCLUDED.chunk_count;
        INSERT INTO knowledge_corpus AS c (organization_id, chunk_count, term_count)
        SELECT organization_id, count(*), sum(length(search_vector)) FROM added GROUP BY 1 ORDER BY 1
        ON CONFLICT (organization_id) DO UPDATE
          SET chunk_count = c.chunk_count + EXCLUDED.chunk_count, term_count = c.term_count + EXCLUDED.term_count;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION knowledge_count_removed_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('knowledge_terms:' || organization_id::text, 0))
        FROM (SELECT DISTINCT organization_id FROM removed ORDER BY 1) AS organizations;
        UPDATE knowledge_terms t SET chunk_count = t.chunk_count - gone.chunks
        FROM (SELECT organization_id, lexeme, count(*) AS chunks FROM removed, unnest(removed.search_vector) GROUP BY 1, 2) AS gone
        WHERE t.organization_id = gone.organization_id AND t.term = gone.lexeme;
        DELETE FROM knowledge_terms t
        WHERE t.chunk_count <= 0
          AND (t.organization_id, t.term) IN (SELECT organization_id, lexeme FROM removed, unnest(removed.search_vector));
        UPDATE knowledge_corpus c SET chunk_count = c.chunk_count - gone.chunks, term_count = c.term_count - gone.terms
        FROM (SELECT organization_id, count(*) AS chunks, sum(length(search_vector)) AS terms
              FROM removed GROUP BY 1) AS gone
        WHERE c.organization_id = gone.organization_id;
        RETURN NULL;
      END $$`);
    for (const { name, event, table, counts } of TRIGGERS) {
      await queryRunner.query(`
        CREATE TRIGGER ${name} AFTER ${event} ON document_chunks
        REFERENCING ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${counts}()`);
    }

    await createTenantScopedFunction(queryRunner, RANK_CHUNKS);
    for (const table of STATS_TABLES) await enableRowLevelSecurity(queryRunner, table);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of STATS_TABLES) await disableRowLevelSecurity(queryRunner, table);
    for (const { name } of TRIGGERS) await queryRunner.query(`DROP TRIGGER ${name} ON document_chunks`);
    await dropTenantScopedFunction(queryRunner, RANK_CHUNKS.signature);
    await queryRunner.query(`DROP FUNCTION knowledge_count_removed_chunks()`);
    await queryRunner.query(`DROP FUNCTION knowledge_count_added_chunks()`);
    await queryRunner.query(`DROP TABLE knowledge_corpus`);
    await queryRunner.query(`DROP TABLE knowledge_terms`);
    await queryRunner.query(`DROP FUNCTION knowledge_search_vector(text, text)`);
    await queryRunner.query(`DROP FUNCTION knowledge_code_parts(text)`);
  }
}
