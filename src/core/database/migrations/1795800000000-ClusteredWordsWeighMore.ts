import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceTenantScopedFunction, type TenantScopedFunction } from '../tenant-scoped-function';
import { RANK_PASSAGES as SIXTH_FORM } from './1795790000000-AsManyPassagesAsAsked';

/** Where the sixth form scores its candidates (per_chunk reads `hits`), and what this form puts there. */
const SCORED_FROM_HITS = `    ), scored AS (`;
const PER_CHUNK_READS_HITS = `            FROM hits
            LEFT JOIN titles ON titles.id = hits.document_id`;

/**
 * How a term clusters among the candidates: chunks holding it per document holding it. A word
 * about a subject comes back in several passages of the documents about it; a conversational word
 * ("anything", "day", "whole", "came") turns up once in each of many documents. Under
 * `clustered_chunks` chunks a document, the term's weight falls with that ratio to the 0.75th
 * power (at one chunk a document, to about a third). Each term counts `clustered_chunks - 1` chunks
 * more than it has, so a term seen in one chunk alone (nothing to judge by) keeps its weight.
 * Counted on the candidates (1,000 chunks at most), not on the organization: its cost does not
 * grow with the organization's size.
 */
const CLUSTERING_OF_EACH_TERM = `    ), clustering AS (
      SELECT hits.term,
             power(least(1, (count(*) + clustered_chunks - 1)::double precision
                            / (clustered_chunks * count(DISTINCT hits.document_id))), 0.75) AS factor
        FROM hits GROUP BY hits.term
${SCORED_FROM_HITS}`;
const PER_CHUNK_READS_WEIGHED_HITS = `            FROM (SELECT hits.id, hits.document_id, hits.term, hits.score * clustering.factor AS score
                    FROM hits JOIN clustering ON clustering.term = hits.term) AS hits
            LEFT JOIN titles ON titles.id = hits.document_id`;

for (const part of [SCORED_FROM_HITS, PER_CHUNK_READS_HITS])
  if (SIXTH_FORM.body.split(part).length !== 2) throw new Error(`the sixth form must hold once: ${part}`);

/**
 * The ranking core (issue 13), seventh form: the sixth, each term's BM25 score in a chunk weighed
 * by how the term clusters among the candidates (CLUSTERING_OF_EACH_TERM). A question's
 * conversational words, rare in technical documentation and so of high IDF, no longer outweigh
 * the one subject word the answering passage shares with it.
 */
export const RANK_PASSAGES: TenantScopedFunction = {
  ...SIXTH_FORM,
  declare: `${SIXTH_FORM.declare}
    -- Chunks a document from which a term counts fully (CLUSTERING_OF_EACH_TERM).
    clustered_chunks constant integer := 4;`,
  body: SIXTH_FORM.body
    .replace(SCORED_FROM_HITS, CLUSTERING_OF_EACH_TERM)
    .replace(PER_CHUNK_READS_HITS, PER_CHUNK_READS_WEIGHED_HITS),
};

/** Its callers join a few rows by key; at the default estimate (1,000) the planner scans every document. */
const ESTIMATE = { rows: 20 };

export class ClusteredWordsWeighMore1795800000000 implements MigrationInterface {
  name = 'ClusteredWordsWeighMore1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await replaceTenantScopedFunction(queryRunner, SIXTH_FORM, RANK_PASSAGES, ESTIMATE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceTenantScopedFunction(queryRunner, RANK_PASSAGES, SIXTH_FORM, ESTIMATE);
  }
}
