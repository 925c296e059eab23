/**
 * Search at scale, for `npm run bench:knowledge`: one organization grown to 10k, 100k and 1M
 * synthetic chunks beside 99 small ones, searched through the API and as the app's raw SQL
 * (the application role, in a tenant transaction) with rare, common and mixed queries.
 *
 * Chunks are 40 words of a 20,000-word vocabulary with Zipf-like frequencies (word k appears
 * in about 4/k of the chunks), so at 1M chunks a rare word (k >= 5,000) is in a few hundred
 * chunks and a common one (k <= 60) in tens of thousands.
 */
import type { Client } from 'pg';
import { SEARCH_SQL, searchParameters } from '../src/knowledge/knowledge-search.service';
import { questionInput } from '../src/knowledge/search-input';
import type { ApiClient } from '../test/support/api-client';
import { percentile } from './percentile';

export interface LatencyMs {
  p50: number;
  p95: number;
}

export interface ScaleStage {
  chunks: number;
  seedSeconds: number;
  queries: Record<QueryKind, { api: LatencyMs; rawSql: LatencyMs; averageHits: number }>;
}

type QueryKind = 'rare' | 'common' | 'mixed';

const VOCABULARY = 20_000;
const WORDS_PER_CHUNK = 40;
const SEED_BATCH = 50_000;
const CHUNKS_PER_DOCUMENT = 100;

const latency = (values: number[]): LatencyMs => ({
  p50: Number(percentile(values, 50).toFixed(2)),
  p95: Number(percentile(values, 95).toFixed(2)),
});

/** A word of rank between `from` and `to`. */
const word = (from: number, to: number): string => `w${from + Math.floor(Math.random() * (to - from))}`;
const QUERIES: Record<QueryKind, () => string> = {
  rare: () => `${word(5_000, VOCABULARY)} ${word(5_000, VOCABULARY)}`,
  common: () => `${word(20, 60)} ${word(20, 60)}`,
  mixed: () => `${word(5_000, VOCABULARY)} ${word(20, 60)} ${word(100, 400)}`,
};

/** Adds `count` synthetic chunks to the organization, 100 to a document, in batches, through the real vector function. */
export async function seedChunks(superuser: Client, organizationId: string, count: number): Promise<void> {
  for (let done = 0; done < count; done += SEED_BATCH) {
    const batch = Math.min(SEED_BATCH, count - done);
    await superuser.query(
      `WITH documents AS (
         INSERT INTO documents (id, organization_id, title, format, size_bytes, sha256, status, created_by)
         SELECT gen_random_uuid(), $1, 'Synthetic ' || d, 'text', 0, md5(random()::text) || md5(random()::text), 'ready', $1
         FROM generate_series(1, ceil($2::int / ${CHUNKS_PER_DOCUMENT}.0)::int) AS d
         RETURNING id
       ), numbered AS (SELECT id, row_number() OVER () AS n FROM documents)
       INSERT INTO document_chunks (id, organization_id, document_id, version, position, heading_path, text, start_offset, end_offset, search_vector)
       SELECT gen_random_uuid(), $1, numbered.id, 1, g, ARRAY['Synthetic'], t.text, 0, length(t.text),
              knowledge_search_vector('Synthetic', t.text)
       FROM generate_series(1, $2::int) AS g
       JOIN numbered ON numbered.n = 1 + (g - 1) / ${CHUNKS_PER_DOCUMENT}
       CROSS JOIN LATERAL (
         SELECT string_agg('w' || floor(exp(random() * ln(${VOCABULARY})))::int, ' ') AS text
         FROM generate_series(1, ${WORDS_PER_CHUNK}) WHERE g > 0
       ) AS t`,
      [organizationId, batch],
    );
  }
}

/** Latency of each kind of query through the API and as raw SQL, alternating query by query. */
export async function measureSearch(
  api: ApiClient,
  token: string,
  appRole: Client,
  organizationId: string,
  searches: number,
): Promise<ScaleStage['queries']> {
  const result = {} as ScaleStage['queries'];
  for (const kind of Object.keys(QUERIES) as QueryKind[]) {
    const apiTimes: number[] = [];
    const sqlTimes: number[] = [];
    let hits = 0;
    for (let i = 0; i < searches; i++) {
      const q = QUERIES[kind]();
      let started = performance.now();
      const response = await api.get<{ data: unknown[] }>(`/v1/knowledge/search?q=${encodeURIComponent(q)}&limit=10`, {
        token,
      });
      apiTimes.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`search failed: ${response.status}`);
      hits += response.body.data.length;

      started = performance.now();
      await appRole.query('BEGIN');
      await appRole.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
      // The synthetic words have no related words.
      await appRole.query(SEARCH_SQL, searchParameters(organizationId, questionInput(q), '', 10));
      await appRole.query('COMMIT');
      sqlTimes.push(performance.now() - started);
    }
    result[kind] = { api: latency(apiTimes), rawSql: latency(sqlTimes), averageHits: hits / searches };
  }
  return result;
}
