import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import { RANK_PASSAGES as SEVENTH_FORM } from './1795800000000-ClusteredWordsWeighMore';

const THREE_EXTRA_DOCUMENTS = 'extra_documents constant integer := 3;';
const EIGHT_EXTRA_DOCUMENTS = 'extra_documents constant integer := 8;';

const SEVENTH_DECLARE = SEVENTH_FORM.declare ?? '';
if (SEVENTH_DECLARE.split(THREE_EXTRA_DOCUMENTS).length !== 2)
  throw new Error(`the seventh form must hold once: ${THREE_EXTRA_DOCUMENTS}`);

/**
 * The ranking core (issue 13), eighth form: the seventh, re-scoring (answering window, proximity)
 * the best chunks of eight documents more than asked for instead of three. A document whose words
 * are scattered over many passages of others can be passed by ten of them before re-scoring
 * finds the one sentence that answers; with three extra, the assistant (five sources) re-scored
 * eight documents and the search box (ten results) thirteen, so the assistant found less than
 * the search box on the same question. Now thirteen and eighteen.
 */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...SEVENTH_FORM,
  declare: SEVENTH_DECLARE.replace(THREE_EXTRA_DOCUMENTS, EIGHT_EXTRA_DOCUMENTS),
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
