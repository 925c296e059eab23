import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import { RANK_PASSAGES as EIGHTH_FORM } from './1795810000000-MoreDocumentsReScored';

/** The eighth form's first-pass passage score: related words at `related_weight`, as in the document's score. */
const PASSAGE_OF_DISCOUNTED_WORDS = `coalesce(sum(hits.score) FILTER (WHERE hits.term <> ALL(coalesce(titles.terms, '{}'))), 0) AS passage`;
/** The same with a related word's discount taken back (none when related words are off, weight 0). */
const PASSAGE_OF_WORDS_AND_SYNONYMS = `coalesce(sum(hits.score / CASE WHEN hits.term = ANY(knowledge_rank_passages.terms) THEN 1 ELSE nullif(related_weight, 0) END)
                          FILTER (WHERE hits.term <> ALL(coalesce(titles.terms, '{}'))), 0) AS passage`;

if (EIGHTH_FORM.body.split(PASSAGE_OF_DISCOUNTED_WORDS).length !== 2)
  throw new Error(`the eighth form must hold once: ${PASSAGE_OF_DISCOUNTED_WORDS}`);

/**
 * The ranking core (issue 13), ninth form: the eighth, a related word (a synonym of a question's
 * word) counting as much as the question's own word in the first pass's passage score, the one
 * that picks which chunks of a document are re-scored. Related words weigh less in a document's
 * score because across documents a synonym often means something else; within a document already
 * found for the question's own words, it means what the question means. A section written in other
 * words ("entire" and "completely" for "whole") lost to every chunk naming one of the question's
 * words in passing and was never re-scored. Documents rank as before in the first pass.
 */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...EIGHTH_FORM,
  body: EIGHTH_FORM.body.replace(PASSAGE_OF_DISCOUNTED_WORDS, PASSAGE_OF_WORDS_AND_SYNONYMS),
};

/** Its callers join a few rows by key; at the default estimate (1,000) the planner scans every document. */
const ESTIMATE = { rows: 20 };

export class SynonymsChooseThePassage1795820000000 implements MigrationInterface {
  name = 'SynonymsChooseThePassage1795820000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await replaceTenantScopedFunction(queryRunner, EIGHTH_FORM, RANK_PASSAGES, ESTIMATE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceTenantScopedFunction(queryRunner, RANK_PASSAGES, EIGHTH_FORM, ESTIMATE);
  }
}
