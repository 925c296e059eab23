import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import { BM25_OF_EACH_TERM, RANK_PASSAGES_INTERFACE, SENTENCE_WINDOWS } from './1795740000000-AnsweringPassageOfEachDocument';
import {
  CANDIDATES_DECLARE,
  CHOOSE_CANDIDATES,
  RANK_PASSAGES as FOURTH_FORM,
  TITLES_AND_TERMS_OF_CANDIDATES,
} from './1795760000000-RankingAtScale';

/**
 * Which documents answer and which passage of a document answers are two decisions. Documents
 * are ranked as the fourth form ranks them (their best chunk's score); a document's passages are
 * ordered by a passage score of their own:
 * - without the terms of the document's title: they name the document, so every passage of it is
 *   about them, yet they decided its passage: the short chunks that repeat the name (a manual
 *   page's NAME and SYNOPSIS, an introduction) won over the one answering the rest of the question;
 * - with the answering window and the proximity of the question's neighbouring words weighing
 *   `passage_emphasis` times more than in the document's score: within one document, where the
 *   question's words stand together is what tells its passages apart.
 */
const SCORE_AND_CHOOSE_PASSAGES_APART = `    ), hits AS (
      SELECT candidates.id, candidates.document_id, w.term,
${BM25_OF_EACH_TERM}    ), scored AS (
      SELECT per_chunk.*,
             row_number() OVER (PARTITION BY per_chunk.document_id ORDER BY per_chunk.passage DESC, per_chunk.id) AS nth
        FROM (
          SELECT hits.id, hits.document_id, sum(hits.score) + coalesce(min(titles.idf), 0) AS score,
                 coalesce(sum(hits.score) FILTER (WHERE hits.term <> ALL(coalesce(titles.terms, '{}'))), 0) AS passage
            FROM hits
            LEFT JOIN titles ON titles.id = hits.document_id
           GROUP BY hits.id, hits.document_id
        ) AS per_chunk
    ), best_documents AS (
      SELECT scored.document_id FROM scored
       GROUP BY scored.document_id
       ORDER BY max(scored.score) DESC, scored.document_id
       LIMIT CASE WHEN only_document IS NULL THEN result_limit + extra_documents END
    ), shortlist AS (
      SELECT scored.* FROM scored
       WHERE scored.document_id IN (SELECT best_documents.document_id FROM best_documents)
         AND scored.nth <= CASE WHEN only_document IS NULL THEN shortlist_per_document ELSE result_limit * 4 END
    ), windowed AS (
      SELECT shortlist.id, shortlist.document_id,
             shortlist.score + window_weight * coalesce(answer.weight, 0) + proximity_weight * near.weight AS score,
             shortlist.passage
               + passage_emphasis * (window_weight * coalesce(answer.passage, 0) + proximity_weight * near.weight) AS passage
        FROM shortlist
        JOIN public.document_chunks chunk ON chunk.id = shortlist.id AND chunk.organization_id = organization
        LEFT JOIN titles ON titles.id = shortlist.document_id
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(pairs.idf), 0) AS weight FROM pairs WHERE chunk.search_vector @@ pairs.query
        ) AS near
        CROSS JOIN LATERAL (
          -- Each sentence's query terms, read once; a window is a sentence and the next.
          SELECT max(window_terms.weight) AS weight, max(window_terms.passage) AS passage
${SENTENCE_WINDOWS}
            CROSS JOIN LATERAL (
              SELECT sum(w.idf) AS weight,
                     sum(w.idf) FILTER (WHERE w.term <> ALL(coalesce(titles.terms, '{}'))) AS passage
                FROM weights w WHERE w.term = ANY(pair.terms)
            ) AS window_terms
        ) AS answer
    ), diverse AS (
      SELECT windowed.*, row_number() OVER (PARTITION BY windowed.document_id ORDER BY windowed.passage DESC, windowed.id) AS nth
        FROM windowed
    ), documents AS (
      SELECT diverse.document_id, row_number() OVER (ORDER BY max(diverse.score) DESC, diverse.document_id) AS place
        FROM diverse GROUP BY diverse.document_id
    )
    -- A document's passages together, its best first; the best documents first. Within one
    -- document the passage score orders them, so it is the score a search within it returns.
    SELECT diverse.id, diverse.document_id, CASE WHEN only_document IS NULL THEN diverse.score ELSE diverse.passage END
      FROM diverse JOIN documents ON documents.document_id = diverse.document_id
     WHERE diverse.nth <= per_document AND documents.place <= result_limit
     ORDER BY documents.place, diverse.nth
     LIMIT result_limit * per_document;
`;

/** The ranking core (issue 13), fifth form: the fourth's candidates and documents, passages chosen apart (above). */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...RANK_PASSAGES_INTERFACE,
  declare: `${CANDIDATES_DECLARE}
    -- How much more the answering window and proximity weigh in choosing a document's passage.
    passage_emphasis constant double precision := 3;`,
  body: `${CHOOSE_CANDIDATES}${TITLES_AND_TERMS_OF_CANDIDATES}
${SCORE_AND_CHOOSE_PASSAGES_APART}`,
};

/** Its callers join a few rows by key; at the default estimate (1,000) the planner scans every document. */
const setRowEstimate = (queryRunner: QueryRunner): Promise<unknown> =>
  queryRunner.query(`ALTER FUNCTION public.${RANK_PASSAGES.signature} ROWS 20`);

export class PassageChosenByItsOwnWords1795780000000 implements MigrationInterface {
  name = 'PassageChosenByItsOwnWords1795780000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, RANK_PASSAGES.signature);
    await createTenantScopedFunction(queryRunner, RANK_PASSAGES);
    await setRowEstimate(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, FOURTH_FORM.signature);
    await createTenantScopedFunction(queryRunner, FOURTH_FORM);
    await setRowEstimate(queryRunner);
  }
}
