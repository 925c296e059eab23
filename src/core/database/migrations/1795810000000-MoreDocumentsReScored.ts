import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
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
 * more always re-scored. A document whose words are scattered less than ten others' can be passed
 * by them before re-scoring finds its one sentence that answers: the assistant, asking for five
 * sources, re-scored eight and so found less than the search box on the same question.
 */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...SEVENTH_FORM,
  declare: `${SEVENTH_FORM.declare ?? ''}
    -- Documents re-scored however few are asked for: the search box's ten and extra_documents.
    re_scored_at_least constant integer := 13;`,
  body: SEVENTH_FORM.body.replace(AS_MANY_AS_ASKED_AND_THREE, NEVER_FEWER_THAN_THE_SEARCH_BOX),
};

/** Its callers join a few rows by key; at the default estimate (1,000) the planner scans every document. */
const setRowEstimate = (queryRunner: QueryRunner): Promise<unknown> =>
  queryRunner.query(`ALTER FUNCTION public.${RANK_PASSAGES.signature} ROWS 20`);

export class MoreDocumentsReScored1795810000000 implements MigrationInterface {
  name = 'MoreDocumentsReScored1795810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, RANK_PASSAGES.signature);
    await createTenantScopedFunction(queryRunner, RANK_PASSAGES);
    await setRowEstimate(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, SEVENTH_FORM.signature);
    await createTenantScopedFunction(queryRunner, SEVENTH_FORM);
    await setRowEstimate(queryRunner);
  }
}
