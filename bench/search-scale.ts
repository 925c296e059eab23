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

/**
 * The app's tenant transaction as raw SQL, sent as the app sends it (TenantTransaction.batch):
 * BEGIN, the tenant, the search and COMMIT in one write, answered in one round trip. `appRole`
 * must be a pipelining client of the application role (row-level security applies).
 */
async function rawSearch(appRole: Client, organizationId: string, q: string): Promise<void> {
  const socket = appRole.connection.stream;
  socket.cork();
  const answers = [
    appRole.query('BEGIN'),
    appRole.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]),
    // The synthetic words have no related words.
    appRole.query(SEARCH_SQL, searchParameters(organizationId, questionInput(q), '', 10)),
    appRole.query('COMMIT'),
  ];
  socket.uncork();
  await Promise.all(answers);
}

/**
 * Latency of each kind of query through the API and as raw SQL. Each side searches words of its
 * own, and the side that goes first alternates: a search repeated at once finds the pages the
 * first one read in PostgreSQL's buffers (at 1M chunks the table and its index are several
 * times shared_buffers, and a search reads hundreds of pages the last one did not), so a side
 * that always repeated the other's query would measure warm what the other measured cold.
 */
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
    const throughApi = async (): Promise<void> => {
      const q = QUERIES[kind]();
      const started = performance.now();
      const response = await api.get<{ data: unknown[] }>(`/v1/knowledge/search?q=${encodeURIComponent(q)}&limit=10`, {
        token,
      });
      apiTimes.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`search failed: ${response.status}`);
      hits += response.body.data.length;
    };
    const asRawSql = async (): Promise<void> => {
      const q = QUERIES[kind]();
      const started = performance.now();
      await rawSearch(appRole, organizationId, q);
      sqlTimes.push(performance.now() - started);
    };
    for (let i = 0; i < searches; i++) {
      const [first, second] = i % 2 === 0 ? [throughApi, asRawSql] : [asRawSql, throughApi];
      await first();
      await second();
    }
    result[kind] = { api: latency(apiTimes), rawSql: latency(sqlTimes), averageHits: hits / searches };
  }
  return result;
}
