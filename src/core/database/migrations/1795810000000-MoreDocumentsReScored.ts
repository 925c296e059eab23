import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import { RANK_PASSAGES as SEVENTH_FORM } from './1795800000000-ClusteredWordsWeighMore';

/** How many documents the seventh form re-scores: the ones asked for and three more. */
const AS_MANY_AS_ASKED_AND_THREE = 'LIMIT CASE WHEN only_document IS NULL THEN result_limit + extra_documents END';
const NEVER_FEWER_THAN_THE_SEARCH_BOX =
  'LIMIT CASE WHEN only_document IS NULL THEN greatest(result_limit + extra_documents, re_scored_at_least) END';

if (SEVENTH_FORM.body.split(AS_MANY_AS_ASKED_AND_THREE).length !== 2)
  throw new Error(`the seventh form must hold once: ${AS_MANY_AS_ASKED_AND_THREE}`);

/**
 * The ranking core (issue 13), eighth form: the seventh, re-scoring (answering window, proximity)
 * the best chunks of at least thirteen documents, what the search box's ten results and three
 * more always re-scored. A document passed in the first pass by ten others (their chunks hold the
 * question's words, its one sentence holds them together) was re-scored for the search box but
 * not for the assistant's five sources: the assistant found less on the same question.
 */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...SEVENTH_FORM,
  declare: `${SEVENTH_FORM.declare ?? ''}
    -- Documents re-scored however few are asked for: the search box's ten and extra_documents.
    re_scored_at_least constant integer := 13;`,
  body: SEVENTH_FORM.body.replace(AS_MANY_AS_ASKED_AND_THREE, NEVER_FEWER_THAN_THE_SEARCH_BOX),
};

/** Its callers join a few rows by key; at the default estimate (1,000) the planner scans every document. */
const ESTIMATE = { rows: 20 };

export class MoreDocumentsReScored1795810000000 implements MigrationInterface {
  name = 'MoreDocumentsReScored1795810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await replaceTenantScopedFunction(queryRunner, SEVENTH_FORM, RANK_PASSAGES, ESTIMATE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceTenantScopedFunction(queryRunner, RANK_PASSAGES, SEVENTH_FORM, ESTIMATE);
  }
}
