import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import { RelatedTermsAndPassageWindows1795730000000 } from './1795730000000-RelatedTermsAndPassageWindows';

/** What the ranking function takes and returns, the same in its third and later forms (the API's SEARCH_SQL calls it). */
export const RANK_PASSAGES_INTERFACE: Pick<TenantScopedFunction, 'signature' | 'returns'> = {
  signature: `knowledge_rank_passages(
    organization uuid, terms text[], related_terms text[], related_weight double precision, window_weight double precision,
    query_filter tsquery, only_document uuid, result_limit integer, per_document integer,
    adjacent_pairs text[], proximity_weight double precision)`,
  returns: 'TABLE (chunk_id uuid, document_id uuid, score double precision)',
};

/**
 * The start of the ranking's query: the organization's corpus size, each known term's IDF (a
 * related word's scaled down) and the query's neighbouring words as phrase queries. Shared by the
 * third and later forms of the function.
 */
export const TERM_WEIGHTS = `    WITH corpus AS (
      SELECT c.chunk_count::double precision AS chunks,
             greatest(c.term_count::double precision / greatest(c.chunk_count, 1), 1) AS average_length
        FROM public.knowledge_corpus c WHERE c.organization_id = organization
    ), weights AS MATERIALIZED (
      SELECT k.term, quote_literal(k.term)::tsquery AS query,
             ln(1 + (corpus.chunks - k.chunk_count + 0.5) / (k.chunk_count + 0.5))
               * CASE WHEN k.term = ANY(terms) THEN 1 ELSE related_weight END AS idf
        FROM public.knowledge_terms k, corpus
       WHERE k.organization_id = organization AND k.term = ANY(known)
    ), pairs AS MATERIALIZED (
      -- The query's neighbouring words, as a phrase query allowing a word or two between them.
      SELECT tsquery_phrase(first.query, second.query) || tsquery_phrase(first.query, second.query, 2)
               || tsquery_phrase(first.query, second.query, 3) AS query,
             least(first.idf, second.idf) AS idf
        FROM unnest(coalesce(adjacent_pairs, '{}')) AS pair
        JOIN weights first ON first.term = split_part(pair, ' ', 1)
        JOIN weights second ON second.term = split_part(pair, ' ', 2)`;

/**
 * A chunk's answering windows (`pair.terms`: the query's known terms in a sentence and the next),
 * for a lateral join over `chunk`. Shared by the third and later forms of the function.
 */
export const SENTENCE_WINDOWS = `            FROM (
              SELECT sentence.terms || lead(sentence.terms, 1, '{}') OVER (ORDER BY sentence.n) AS terms
                FROM (
                  SELECT part.n, array(SELECT lexeme FROM unnest(tsvector_to_array(to_tsvector('english'::regconfig,
                           translate(part.text, '<', ' ') || ' ' || public.knowledge_code_parts(part.text)))) AS lexeme
                         WHERE lexeme = ANY(known)) AS terms
                    FROM regexp_split_to_table(chunk.text, '(?<=[.!?])\\s+|\\n+') WITH ORDINALITY AS part(text, n)
                ) AS sentence
            ) AS pair`;

/**
 * The rest of the `hits` step after its first columns: each candidate's BM25 score for each query
 * term it holds (IDF, saturated term frequency, length normalised against the corpus average).
 * Shared by the forms that select different columns beside it.
 */
export const BM25_OF_EACH_TERM = `             w.idf * f.frequency * 2.2
               / (f.frequency + 1.2 * (0.25 + 0.75 * length(candidates.search_vector) / corpus.average_length)) AS score
        FROM candidates
        CROSS JOIN corpus
        CROSS JOIN weights w
        CROSS JOIN LATERAL (
          SELECT ts_rank('{0, 0, 0.5, 1}', candidates.search_vector, w.query) / 0.303964 AS frequency
        ) AS f
       WHERE f.frequency > 0
`;

/**
 * The ranking's second half, once the candidates and their titles' weights are known: each
 * candidate's BM25 score, the best documents, their best chunks re-scored with the answering
 * window and proximity, and each document's passages together. Later forms of the function
 * choose their candidates differently and share this.
 */
export const SCORE_AND_CHOOSE_PASSAGES = `    ), hits AS (
      SELECT candidates.id, candidates.document_id,
${BM25_OF_EACH_TERM}    ), scored AS (
      SELECT hits.id, hits.document_id, sum(hits.score) + coalesce(min(titles.idf), 0) AS score,
             row_number() OVER (PARTITION BY hits.document_id ORDER BY sum(hits.score) DESC, hits.id) AS nth
        FROM hits
        LEFT JOIN titles ON titles.id = hits.document_id
       GROUP BY hits.id, hits.document_id
    ), best_documents AS (
      SELECT scored.document_id FROM scored WHERE scored.nth = 1
       ORDER BY scored.score DESC, scored.id LIMIT CASE WHEN only_document IS NULL THEN result_limit + extra_documents END
    ), shortlist AS (
      SELECT scored.* FROM scored
       WHERE scored.document_id IN (SELECT best_documents.document_id FROM best_documents)
         AND scored.nth <= CASE WHEN only_document IS NULL THEN shortlist_per_document ELSE result_limit * 4 END
    ), windowed AS (
      SELECT shortlist.id, shortlist.document_id,
             shortlist.score + window_weight * coalesce(answer.weight, 0) + proximity_weight * near.weight AS score
        FROM shortlist
        JOIN public.document_chunks chunk ON chunk.id = shortlist.id AND chunk.organization_id = organization
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(pairs.idf), 0) AS weight FROM pairs WHERE chunk.search_vector @@ pairs.query
        ) AS near
        CROSS JOIN LATERAL (
          -- Each sentence's query terms, read once; a window is a sentence and the next.
          SELECT max(window_terms.weight) AS weight
${SENTENCE_WINDOWS}
            CROSS JOIN LATERAL (
              SELECT sum(w.idf) AS weight FROM weights w WHERE w.term = ANY(pair.terms)
            ) AS window_terms
        ) AS answer
    ), diverse AS (
      SELECT windowed.*, row_number() OVER (PARTITION BY windowed.document_id ORDER BY windowed.score DESC, windowed.id) AS nth
        FROM windowed
    ), documents AS (
      SELECT diverse.document_id, row_number() OVER (ORDER BY diverse.score DESC, diverse.id) AS place
        FROM diverse WHERE diverse.nth = 1
    )
    -- A document's passages together, its best first; the best documents first.
    SELECT diverse.id, diverse.document_id, diverse.score
      FROM diverse JOIN documents ON documents.document_id = diverse.document_id
     WHERE diverse.nth <= per_document AND documents.place <= result_limit
     ORDER BY documents.place, diverse.nth
     LIMIT result_limit * per_document;
`;

/**
 * The ranking core (issue 13), third form. As knowledge_rank_passages of 1795730000000 (BM25 over
 * the organization's term statistics, title terms, related words, the answering window), but the
 * passage shown for a document is chosen among that document's best few, not taken from the
 * best chunks of the whole organization:
 * - the best documents (by their best chunk) each bring their `shortlist_per_document` best
 *   chunks, and every one of those is re-scored with the answering window and with proximity:
 *   `proximity_weight` times the weight of each pair of the query's neighbouring words
 *   (`adjacent_pairs`, "a b" in the question's order) found within a few words of each other in
 *   the chunk. A chunk where the question's words stand together as it says them (an option's
 *   description, a section on the subject) then comes before one that merely names them all.
 */
const RANK_PASSAGES: TenantScopedFunction = {
  ...RANK_PASSAGES_INTERFACE,
  declare: `
    candidate_budget constant integer := 1000;
    -- Documents whose best chunks are re-scored: a few more than asked, so re-scoring can promote one.
    extra_documents constant integer := 3;
    -- Chunks of each such document that are re-scored (of one document searched alone: four per result).
    shortlist_per_document constant integer := 4;
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
${TERM_WEIGHTS}
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
${SCORE_AND_CHOOSE_PASSAGES}`,
};

export class AnsweringPassageOfEachDocument1795740000000 implements MigrationInterface {
  name = 'AnsweringPassageOfEachDocument1795740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await new RelatedTermsAndPassageWindows1795730000000().down(queryRunner);
    await createTenantScopedFunction(queryRunner, RANK_PASSAGES);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, RANK_PASSAGES.signature);
    await new RelatedTermsAndPassageWindows1795730000000().up(queryRunner);
  }
}
