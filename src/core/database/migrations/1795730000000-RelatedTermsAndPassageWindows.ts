import { SchemaStepsMigration } from '../schema-steps';
import { type TenantScopedFunction, tenantScopedFunction } from '../tenant-scoped-function';

/**
 * The ranking core (issue 13), second form. As knowledge_rank_chunks of 1795668000000 (BM25 over
 * the organization's term statistics, title terms, candidates read through the GIN index), plus:
 * - `related_terms`: words meaning the same as the query's (WordNet, see related-words.ts), that
 *   find and rank passages at `related_weight` times their IDF, so the user's own rare word
 *   still wins over a synonym;
 * - the answering window: of the best chunks, each gains `window_weight` times the weight of the
 *   query's distinct terms found together in its best two consecutive sentences, so the chunk
 *   where the question's words meet (not the one repeating one of them) comes first, and a
 *   document's first passage is the one that answers.
 */
const RANK_PASSAGES: TenantScopedFunction = {
  signature: `knowledge_rank_passages(
    organization uuid, terms text[], related_terms text[], related_weight double precision, window_weight double precision,
    query_filter tsquery, only_document uuid, result_limit integer, per_document integer)`,
  returns: 'TABLE (chunk_id uuid, document_id uuid, score double precision)',
  declare: `
    candidate_budget constant integer := 1000;
    -- Chunks whose answering window is read: a few per result, so the reordering is local.
    windowed_per_result constant integer := 4;
    own text[];
    known text[];
    rare text[];
    narrow tsquery;
    chosen uuid[];`,
  body: `
    -- The query's terms the organization has (own and related), rarest first, and those within the budget.
    SELECT array_agg(t.term ORDER BY t.chunk_count, t.term),
           array_agg(t.term ORDER BY t.chunk_count, t.term) FILTER (WHERE t.cumulative <= candidate_budget),
           array_agg(t.term ORDER BY t.chunk_count, t.term) FILTER (WHERE t.term = ANY(terms))
      INTO known, rare, own
      FROM (SELECT k.term, k.chunk_count, sum(k.chunk_count) OVER (ORDER BY k.chunk_count, k.term) AS cumulative
              FROM public.knowledge_terms k
             WHERE k.organization_id = organization
               AND (k.term = ANY(terms) OR k.term = ANY(coalesce(related_terms, '{}')))) AS t;
    IF known IS NULL THEN
      RETURN;
    END IF;

    -- Candidates: chunks holding a rare term, or all of the user's own terms.
    narrow := (coalesce(array_to_string(array(SELECT quote_literal(r) FROM unnest(rare) r), ' | '), '')
               || CASE WHEN rare IS NULL OR own IS NULL THEN '' ELSE ' | ' END
               || CASE WHEN own IS NULL THEN ''
                       ELSE '(' || array_to_string(array(SELECT quote_literal(o) FROM unnest(own) o), ' & ') || ')' END)::tsquery;
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
    ), weights AS MATERIALIZED (
      SELECT k.term, quote_literal(k.term)::tsquery AS query,
             ln(1 + (corpus.chunks - k.chunk_count + 0.5) / (k.chunk_count + 0.5))
               * CASE WHEN k.term = ANY(terms) THEN 1 ELSE related_weight END AS idf
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
    ), best AS (
      SELECT scored.* FROM scored ORDER BY scored.score DESC, scored.id LIMIT result_limit * windowed_per_result
    ), windowed AS (
      SELECT best.id, best.document_id, best.score + window_weight * coalesce(answer.weight, 0) AS score
        FROM best
        JOIN public.document_chunks chunk ON chunk.id = best.id AND chunk.organization_id = organization
        CROSS JOIN LATERAL (
          SELECT max(window_terms.weight) AS weight
            FROM (
              SELECT sentence.n, lead(sentence.part, 1, '') OVER (ORDER BY sentence.n) AS next, sentence.part
                FROM regexp_split_to_table(chunk.text, '(?<=[.!?])\\s+|\\n+') WITH ORDINALITY AS sentence(part, n)
            ) AS pair
            CROSS JOIN LATERAL (
              SELECT sum(w.idf) AS weight
                FROM unnest(tsvector_to_array(to_tsvector('english'::regconfig,
                       translate(pair.part || ' ' || pair.next, '<', ' ') || ' ' || public.knowledge_code_parts(pair.part || ' ' || pair.next)))) AS lexeme
                JOIN weights w ON w.term = lexeme
            ) AS window_terms
        ) AS answer
    ), diverse AS (
      SELECT windowed.*, row_number() OVER (PARTITION BY windowed.document_id ORDER BY windowed.score DESC, windowed.id) AS nth
        FROM windowed
    )
    SELECT diverse.id, diverse.document_id, diverse.score
      FROM diverse
     WHERE diverse.nth <= per_document
     ORDER BY diverse.score DESC, diverse.id
     LIMIT result_limit;
`,
};

export class RelatedTermsAndPassageWindows1795730000000 extends SchemaStepsMigration {
  name = 'RelatedTermsAndPassageWindows1795730000000';

  protected steps = [tenantScopedFunction(RANK_PASSAGES)];
}
