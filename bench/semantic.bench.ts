/**
 * Semantic retrieval benchmark (measured, not a test): `npm run bench:semantic [chunks]`.
 * Starts its own PostgreSQL and Redis, the API and workers in this process, and a local
 * OpenAI-compatible embeddings server, then measures, in one organization of `chunks`
 * 768-dimension vectors (default 100,000) beside 99 organizations of 100, first with every
 * vector scanned (full scan), then after the worker has partitioned the large organization:
 *   1. recall@10 of the search (binary candidates, exact re-scoring) against an exact scan of
 *      every full vector: for several candidate counts (full scan), then for several numbers of
 *      lists probed (partitioned), with the raw SQL time of each;
 *   2. semantic, hybrid and lexical search latency (p50/p95) through the API, both ways, with the
 *      plan of the candidate scan;
 *   3. the partition's training time (k-means on a sample, every vector assigned, swapped in);
 *   4. indexing throughput (documents/s, upload to ready) without embeddings and with a provider
 *      that answers in a fixed 20 ms (until the vectors are stored too).
 * The vectors are synthetic: 1,000 topic centres, each chunk and query its centre plus as much
 * noise again (cosine about 0.7 to the centre). Results go to bench/results/semantic-<timestamp>.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../src/core/config/app-config';
import { loadConfig } from '../src/core/config/load-config';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { PartitionCentroids } from '../src/knowledge/embedding/partition-centroids';
import { PartitionTrainer } from '../src/knowledge/embedding/partition-trainer';
import { listsToProbe, probesFor } from '../src/knowledge/embedding/partition-probes';
import { candidatesFor, rankBySimilarity, type SemanticHit } from '../src/knowledge/embedding/semantic-ranking';
import { dot, signBits, unitVector, vectorToBytes } from '../src/knowledge/embedding/vector-codec';
import { WorkerModule } from '../src/worker.module';
import { ApiClient, signUp, type Session } from '../test/support/api-client';
import { FakeEmbeddingServer } from '../test/support/fake-embedding-server';
import { startAppStack } from './app-stack';
import { percentile } from './percentile';
import { prng } from './corpus';

/** `BENCH_SMOKE=1`: a tiny corpus and a few queries, to prove the benchmark runs (CI); the numbers mean nothing then. */
const SMOKE = process.env.BENCH_SMOKE === '1';
const CHUNKS = Number(process.argv[2] ?? (SMOKE ? 2_000 : 100_000));
const DIMENSIONS = 768;
const TOPICS = 1_000;
const SMALL_ORGANIZATIONS = 99;
const SMALL_CHUNKS = 100;
const QUERIES = Number(process.env.BENCH_QUERIES ?? (SMOKE ? 10 : 200));
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? (SMOKE ? 2 : 100));
/** Candidates handed to exact re-scoring, each measured for recall and time (the search's own is candidatesFor(10)). */
const CANDIDATE_COUNTS = [50, 100, candidatesFor(10)];
/** Lists probed, each measured for recall and time after the partition is trained (the search's own is probesFor(lists)). */
const PROBE_COUNTS = [2, 4, 8, 16, 24, 32, 48, 64];
const MODEL = 'bench-768';

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const say = (line: string): boolean => process.stdout.write(`${line}\n`);
const summary = (values: number[]) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) });

function gaussianVector(seed: number): Float32Array {
  const random = prng(seed);
  const vector = new Float32Array(DIMENSIONS);
  for (let index = 0; index < DIMENSIONS; index++) {
    vector[index] = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  }
  return unitVector(vector);
}

const centres = Array.from({ length: TOPICS }, (_, topic) => gaussianVector(1_000_003 + topic));

/** A point of `topic`: its centre plus noise of the same length. */
function pointOf(topic: number, seed: number): Float32Array {
  const noise = gaussianVector(seed);
  return unitVector(centres[topic].map((value, index) => value + noise[index]));
}

const hashOf = (text: string): number => {
  let hash = 2_166_136_261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0;
  return hash;
};

/** The provider's view of a text: `t<topic>...` means that topic; anything else, a random point. */
const vectorOfText = (text: string): Float32Array => {
  const topic = /\bt(\d+)w/.exec(text);
  return topic ? pointOf(Number(topic[1]) % TOPICS, hashOf(text)) : gaussianVector(hashOf(text));
};

/** Chunk text: eight words of its topic's 20, so lexical search has something to find. */
const TEXT_SQL = (topic: string) =>
  `(SELECT string_agg('t' || ${topic} || 'w' || ((random() * 19)::int + 0 * k), ' ') FROM generate_series(1, 8) AS k)`;

async function seedOrganization(
  superuser: Client,
  organizationId: string,
  chunks: number,
  topicOf: (position: number) => number,
  keep?: Float32Array,
): Promise<void> {
  const { rows } = await superuser.query<{ id: string }>(
    `INSERT INTO documents (id, organization_id, title, format, size_bytes, sha256, status, created_by, chunk_count)
     VALUES (gen_random_uuid(), $1, 'Synthetic', 'text', 0, md5(random()::text) || md5(random()::text), 'ready', $1, $2)
     RETURNING id`,
    [organizationId, chunks],
  );
  const documentId = rows[0].id;
  const BATCH = 2_000;
  for (let from = 0; from < chunks; from += BATCH) {
    const positions = Array.from({ length: Math.min(BATCH, chunks - from) }, (_, index) => from + index);
    const topics = positions.map(topicOf);
    await superuser.query(
      `INSERT INTO document_chunks (id, organization_id, document_id, version, position, heading_path, text, start_offset, end_offset, search_vector)
       SELECT gen_random_uuid(), $1, $2, 1, g, ARRAY['Synthetic'], t.text, 0, length(t.text),
              setweight(to_tsvector('english', 'Synthetic'), 'A') || setweight(to_tsvector('english', t.text), 'B')
       FROM unnest($3::int[], $4::int[]) AS s(g, topic)
       CROSS JOIN LATERAL ${TEXT_SQL('s.topic')} AS t(text)`,
      [organizationId, documentId, positions, topics],
    );
    const vectors = positions.map((position, index) => pointOf(topics[index], hashOf(`${organizationId}:${position}`)));
    if (keep) vectors.forEach((vector, index) => keep.set(vector, positions[index] * DIMENSIONS));
    await superuser.query(
      `INSERT INTO chunk_embeddings (chunk_id, organization_id, document_id, model, dimensions, text_hash, bits, vector)
       SELECT c.id, $1, $2, $3, ${DIMENSIONS}, md5(c.text) || md5(c.text), v.bits::varbit, v.vector
       FROM unnest($4::int[], $5::text[], $6::bytea[]) AS v(position, bits, vector)
       JOIN document_chunks c ON c.document_id = $2 AND c.position = v.position`,
      [organizationId, documentId, MODEL, positions, vectors.map(signBits), vectors.map(vectorToBytes)],
    );
  }
}

/** The exact top 10 of `query` among the kept vectors, by a full scan. */
function exactTop(vectors: Float32Array, count: number, query: Float32Array, k = 10): number[] {
  const best: Array<{ position: number; score: number }> = [];
  for (let position = 0; position < count; position++) {
    const score = dot(query, vectors.subarray(position * DIMENSIONS, (position + 1) * DIMENSIONS));
    if (best.length < k || score > best[best.length - 1].score) {
      best.push({ position, score });
      best.sort((a, b) => b.score - a.score);
      if (best.length > k) best.pop();
    }
  }
  return best.map((hit) => hit.position);
}

interface IndexingRun {
  documents: number;
  seconds: number;
  documentsPerSecond: number;
}

async function timeIndexing(
  config: AppConfig,
  api: ApiClient,
  who: Session,
  label: string,
  embedded: boolean,
): Promise<IndexingRun> {
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: false,
  });
  await worker.init();
  const started = performance.now();
  const ids: string[] = [];
  for (let index = 0; index < DOCUMENTS; index++) {
    const sections = Array.from(
      { length: 10 },
      (_, section) =>
        `## Section ${section}\n\n${Array.from({ length: 60 }, (_, word) => `t${(index * 10 + section) % TOPICS}w${word % 20} ${label}${index}`).join(' ')}`,
    );
    const response = await api.post<{ data: { id: string } }>('/v1/knowledge/documents', {
      token: who.accessToken,
      body: {
        title: `${label} ${index}`,
        content: `# ${label} ${index}\n\n${sections.join('\n\n')}`,
        format: 'markdown',
      },
    });
    ids.push(response.body.data.id);
  }
  for (const id of ids) {
    for (;;) {
      const { body } = await api.get<{ data: { status: string; embedding?: { status: string } } }>(
        `/v1/knowledge/documents/${id}`,
        { token: who.accessToken },
      );
      const done = body.data.status === 'ready' && (!embedded || body.data.embedding?.status === 'ready');
      if (done || body.data.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  return { documents: DOCUMENTS, seconds: round(seconds), documentsPerSecond: round(DOCUMENTS / seconds) };
}

interface RecallRun {
  recallAt10: number;
  rawSqlMs: { p50: number; p95: number };
}

/** Semantic, hybrid and lexical search through the API, alternating, after 20 warm-up queries. */
async function measureApi(api: ApiClient, who: Session, queries: string[]) {
  const times: Record<'semantic' | 'hybrid' | 'lexical', number[]> = { semantic: [], hybrid: [], lexical: [] };
  for (const [index, query] of [...queries.slice(0, 20), ...queries].entries()) {
    for (const mode of ['semantic', 'hybrid', 'lexical'] as const) {
      const started = performance.now();
      const response = await api.get<{ data: unknown[] }>(
        `/v1/knowledge/search?q=${encodeURIComponent(query)}&mode=${mode}&limit=10`,
        { token: who.accessToken },
      );
      if (response.status !== 200 || response.headers.get('x-search-fallback')) {
        throw new Error(`search failed: ${response.status} ${response.headers.get('x-search-fallback')}`);
      }
      if (index >= 20) times[mode].push(performance.now() - started);
    }
  }
  return { semantic: summary(times.semantic), hybrid: summary(times.hybrid), lexical: summary(times.lexical) };
}

async function main(): Promise<void> {
  const provider = await new FakeEmbeddingServer({ vectorOf: vectorOfText }).start();
  const slowProvider = await new FakeEmbeddingServer({ vectorOf: vectorOfText, latencyMs: 20 }).start();
  const embedding = { EMBEDDING_PROVIDER: 'openai', EMBEDDING_MODEL: MODEL, EMBEDDING_DIMENSIONS: String(DIMENSIONS) };
  const stack = await startAppStack(
    {
      KNOWLEDGE_RECONCILE_INTERVAL_MS: '3600000',
      ...embedding,
      EMBEDDING_BASE_URL: provider.url,
    },
    { worker: false },
  );
  const { postgres } = stack;
  const base = { ...stack.env, EMBEDDING_PROVIDER: 'none' };
  const api = new ApiClient(stack.url);
  const owner = await signUp(api, 'bench-semantic');
  const superuser = new Client({ connectionString: postgres.superuserUrl });
  await superuser.connect();

  // 3 first, on an empty database: indexing throughput without and with embeddings, each twice and
  // interleaved, so neither condition alone has the cold start or a quiet spell of the machine.
  say(`indexing ${DOCUMENTS} documents without, then with embeddings (20 ms provider), twice...`);
  const indexer = await signUp(api, 'bench-indexing');
  const withConfig = loadConfig({ ...base, ...embedding, EMBEDDING_BASE_URL: slowProvider.url });
  const runs: Array<{ without: IndexingRun; withEmbeddings: IndexingRun }> = [];
  for (const pass of [1, 2]) {
    runs.push({
      without: await timeIndexing(loadConfig(base), api, indexer, `plain${pass}-`, false),
      withEmbeddings: await timeIndexing(withConfig, api, indexer, `embedded${pass}-`, true),
    });
  }
  const rate = (pick: (run: (typeof runs)[number]) => IndexingRun): number =>
    (DOCUMENTS * runs.length) / runs.reduce((sum, run) => sum + pick(run).seconds, 0);
  const without = round(rate((run) => run.without));
  const withEmbeddings = round(rate((run) => run.withEmbeddings));
  say(`indexing: ${JSON.stringify({ without, withEmbeddings })}`);
  say(`seeding ${CHUNKS} chunks of ${DIMENSIONS} dimensions, and ${SMALL_ORGANIZATIONS} x ${SMALL_CHUNKS}...`);
  const seedStart = performance.now();
  const kept = new Float32Array(CHUNKS * DIMENSIONS);
  await seedOrganization(superuser, owner.organizationId, CHUNKS, (position) => position % TOPICS, kept);
  for (let index = 0; index < SMALL_ORGANIZATIONS; index++) {
    const { rows } = await superuser.query<{ id: string }>(
      `INSERT INTO organizations (id, name, slug) VALUES (gen_random_uuid(), $1, $1) RETURNING id`,
      [`bench-small-${index}`],
    );
    await seedOrganization(superuser, rows[0].id, SMALL_CHUNKS, (position) => (position * 7 + index) % TOPICS);
  }
  await superuser.query('VACUUM ANALYZE chunk_embeddings');
  await superuser.query('VACUUM ANALYZE document_chunks');
  const seedSeconds = (performance.now() - seedStart) / 1000;

  // Positions of the big organization's chunks, to compare the search's ids with the exact scan's.
  const { rows: idRows } = await superuser.query<{ id: string; position: number }>(
    `SELECT id, position FROM document_chunks WHERE organization_id = $1`,
    [owner.organizationId],
  );
  const positionOf = new Map(idRows.map((row) => [row.id, row.position]));

  const queries = Array.from({ length: QUERIES }, (_, index) => {
    const topic = (index * 37) % TOPICS;
    return `t${topic}w${index % 20} t${topic}w${(index + 7) % 20} question ${index}`;
  });

  // 1. Recall@10 and the raw SQL of the semantic side, as the application role under RLS.
  const appRole = await new DataSource({ type: 'postgres', url: postgres.url }).initialize();
  const tenant = new TenantTransaction(appRole);
  const organizationId = owner.organizationId;
  const exactTops = queries.map((query) => new Set(exactTop(kept, CHUNKS, vectorOfText(query))));
  type Rank = (manager: EntityManager, vector: Float32Array) => Promise<SemanticHit[]>;
  const measureRecall = async (rank: Rank): Promise<RecallRun> => {
    let overlap = 0;
    const times: number[] = [];
    for (const [index, query] of queries.entries()) {
      const vector = vectorOfText(query);
      const started = performance.now();
      const hits = await tenant.run(organizationId, (manager) => rank(manager, vector));
      times.push(performance.now() - started);
      overlap += hits.filter((hit) => exactTops[index].has(positionOf.get(hit.chunkId) ?? -1)).length;
    }
    return { recallAt10: round(overlap / (queries.length * 10), 4), rawSqlMs: summary(times) };
  };
  const explain = async (sql: string, parameters: unknown[], setup?: string): Promise<string[]> => {
    const plan = await tenant.run(organizationId, async (manager) => {
      if (setup) await manager.query(setup);
      return manager.query<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
    });
    return plan.map((row) => row['QUERY PLAN']);
  };
  const queryBits = signBits(vectorOfText(queries[0]));

  say('full scan: recall and raw SQL...');
  const byCandidates: Record<number, RecallRun> = {};
  for (const candidates of CANDIDATE_COUNTS) {
    byCandidates[candidates] = await measureRecall((manager, vector) =>
      rankBySimilarity(manager, organizationId, MODEL, vector, 10, { candidates }),
    );
    say(`${candidates} candidates: ${JSON.stringify(byCandidates[candidates])}`);
  }
  const fullScanPlan = await explain(
    `SELECT chunk_id FROM chunk_embeddings WHERE organization_id = $1 AND model = $2 AND dimensions = ${DIMENSIONS}
     ORDER BY bit_count(bits # $3::varbit), chunk_id LIMIT 200`,
    [organizationId, MODEL, queryBits],
  );
  say(fullScanPlan.filter((line) => !line.includes('Sort Key')).join('\n'));
  say('full scan: API latency...');
  const fullScanApiMs = await measureApi(api, owner, queries);
  say(JSON.stringify(fullScanApiMs));

  // 2. The worker's trainer partitions the large organization (as maintenance does past the threshold).
  say('training the partition...');
  const trainer: INestApplicationContext = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(loadConfig({ ...base, ...embedding, EMBEDDING_BASE_URL: provider.url })),
    { logger: false },
  );
  await trainer.init();
  const training = await trainer
    .get(PartitionTrainer)
    .train({ organizationId, model: MODEL, dimensions: DIMENSIONS }, CHUNKS, null);
  await trainer.close();
  if (!training) throw new Error('the partition was not trained');
  // The training rewrote every row's list: vacuum sets the visibility map again, as autovacuum
  // would in time, for index-only scans (again while a concurrent autovacuum's snapshot holds it back).
  for (let attempt = 0; attempt < 10; attempt++) {
    await superuser.query('VACUUM ANALYZE chunk_embeddings');
    const { rows } = await superuser.query<{ visible: number }>(
      `SELECT relallvisible::float / greatest(relpages, 1) AS visible FROM pg_class WHERE relname = 'chunk_embeddings'`,
    );
    if (rows[0].visible > 0.99) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const [{ lists }] = (
    await superuser.query<{ lists: number }>('SELECT lists FROM embedding_partitions WHERE organization_id = $1', [
      organizationId,
    ])
  ).rows;
  const probes = probesFor(lists);
  say(`trained: ${JSON.stringify(training)}; the search probes ${probes} lists`);

  say('partitioned: recall and raw SQL...');
  const partitions = new PartitionCentroids();
  const byProbes: Record<number, RecallRun> = {};
  for (const count of [...new Set([...PROBE_COUNTS, probes])].filter((count) => count <= lists).sort((a, b) => a - b)) {
    byProbes[count] = await measureRecall(async (manager, vector) =>
      rankBySimilarity(manager, organizationId, MODEL, vector, 10, {
        lists: await listsToProbe(manager, partitions, organizationId, MODEL, vector, count),
      }),
    );
    say(`${count} lists probed: ${JSON.stringify(byProbes[count])}`);
  }
  const probedLists = await tenant.run(organizationId, (manager) =>
    listsToProbe(manager, partitions, organizationId, MODEL, vectorOfText(queries[0])),
  );
  const partitionedPlan = await explain(
    `(SELECT chunk_id, bit_count(bits # $3::varbit) AS distance FROM chunk_embeddings
      WHERE organization_id = $1 AND model = $2 AND dimensions = ${DIMENSIONS} AND list = ANY($4::int[]))
     UNION ALL
     (SELECT chunk_id, bit_count(bits # $3::varbit) FROM chunk_embeddings
      WHERE organization_id = $1 AND model = $2 AND dimensions = ${DIMENSIONS} AND list IS NULL)
     ORDER BY distance, chunk_id LIMIT 200`,
    [organizationId, MODEL, queryBits, probedLists],
    'SET LOCAL enable_seqscan = off',
  );
  say(partitionedPlan.filter((line) => !line.includes('Sort Key')).join('\n'));
  say('partitioned: API latency...');
  const partitionedApiMs = await measureApi(api, owner, queries);
  say(JSON.stringify(partitionedApiMs));

  const results = {
    measuredAt: new Date().toISOString(),
    machine: 'shared 2-core box, see uptime at the time of the run',
    corpus: { chunks: CHUNKS, dimensions: DIMENSIONS, topics: TOPICS, smallOrganizations: SMALL_ORGANIZATIONS },
    seedSeconds: round(seedSeconds, 1),
    queries: QUERIES,
    fullScan: {
      recallAt10: byCandidates[candidatesFor(10)].recallAt10,
      semanticRawSqlMs: byCandidates[candidatesFor(10)].rawSqlMs,
      byCandidates,
      apiMs: fullScanApiMs,
      candidateScanPlan: fullScanPlan,
    },
    partitioned: {
      lists,
      probes,
      training,
      recallAt10: byProbes[probes].recallAt10,
      semanticRawSqlMs: byProbes[probes].rawSqlMs,
      byProbes,
      apiMs: partitionedApiMs,
      candidateScanPlan: partitionedPlan,
    },
    indexing: {
      documentsPerRun: DOCUMENTS,
      runs,
      withoutEmbeddingsDocumentsPerSecond: without,
      withEmbeddings20msProviderDocumentsPerSecond: withEmbeddings,
      ratio: round(withEmbeddings / without),
    },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', `semantic-${Date.now()}.json`), JSON.stringify(results, null, 2));
  say(JSON.stringify(results, null, 2));

  await appRole.destroy();
  await superuser.end();
  await stack.stop();
  await provider.stop();
  await slowProvider.stop();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
