import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantScopedFunction, dropTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import { RANK_PASSAGES as FIFTH_FORM } from './1795780000000-PassageChosenByItsOwnWords';

/** The fifth form's shortlist condition, and the sixth's. */
const SHORTLIST_OF_FIFTH_FORM = 'scored.nth <= CASE WHEN only_document IS NULL THEN shortlist_per_document ELSE';
const SHORTLIST_OF_SIXTH_FORM =
  'scored.nth <= CASE WHEN only_document IS NULL THEN greatest(shortlist_per_document, per_document) ELSE';

/**
 * The ranking core (issue 13), sixth form: the fifth, but each of the best documents has at least
 * `per_document` of its chunks re-scored. The fifth re-scored four of them whatever a caller asked
 * for, so a caller asking for five passages of each document (the assistant's sources) got four;
 * and with fewer re-scored than asked the rest could not be chosen by the answering window.
 */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...FIFTH_FORM,
  body: FIFTH_FORM.body.replace(SHORTLIST_OF_FIFTH_FORM, SHORTLIST_OF_SIXTH_FORM),
};

/** Its callers join a few rows by key; at the default estimate (1,000) the planner scans every document. */
const setRowEstimate = (queryRunner: QueryRunner): Promise<unknown> =>
  queryRunner.query(`ALTER FUNCTION public.${RANK_PASSAGES.signature} ROWS 20`);

export class AsManyPassagesAsAsked1795790000000 implements MigrationInterface {
  name = 'AsManyPassagesAsAsked1795790000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, RANK_PASSAGES.signature);
    await createTenantScopedFunction(queryRunner, RANK_PASSAGES);
    await setRowEstimate(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropTenantScopedFunction(queryRunner, FIFTH_FORM.signature);
    await createTenantScopedFunction(queryRunner, FIFTH_FORM);
    await setRowEstimate(queryRunner);
  }
}
