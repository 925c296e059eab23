/**
 * Knowledge-base benchmark (measured, not a test): `npm run bench:knowledge`.
 * Starts its own PostgreSQL and Redis, the API and an in-process worker, then measures
 *   1. indexing throughput (MB/s of extracted text), upload to `ready`, for Markdown and PDF,
 *      against a raw baseline inserting the same chunks with to_tsvector in SQL;
 *   2. time from upload to searchable for a 100 KB document (p50/p95);
 *   3. search latency p50/p95 at BENCH_CHUNKS chunks (default 1,000,000) across 100
 *      organizations, through the API and as the raw SQL.
 * Results go to bench/results/knowledge-<timestamp>.json.
 */
import 'reflect-metadata';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freePort } from '../scripts/stack/free-port';
import { startPostgres } from '../scripts/stack/postgres';
import { startRedis } from '../scripts/stack/redis';
import { loadConfig } from '../src/core/config/load-config';
import { migrationDataSourceOptions } from '../src/core/database/data-source-options';
import { createHttpApp } from '../src/http-app';
import { chunkDocument } from '../src/knowledge/extraction/chunker';
import { searchSql } from '../src/knowledge/knowledge-search.service';
import { parseMarkdown } from '../src/knowledge/extraction/parse-markdown';
import { WorkerModule } from '../src/worker.module';
import { ApiClient, signUp } from '../test/support/api-client';
import { makeLongMarkdown, makePdf } from '../test/support/document-fixtures';
import { type DocumentBody, uploadFile, waitForIndexing } from '../test/support/knowledge-client';

const CHUNKS = Number(process.argv[2] ?? 1_000_000);
const ORGANIZATIONS = 100;
const SEARCHES = 300;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const say = (line: string): boolean => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'deskbase-bench-'));
  chmodSync(root, 0o755);
  const postgres = await startPostgres({
    dataDir: join(root, 'pg'),
    port: await freePort(),
    persistent: false,
    fast: true,
  });
  const redis = await startRedis({ dataDir: join(root, 'redis'), port: await freePort(), persistent: false });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    JWT_SECRET: 'bench-only-secret-0123456789abcdefghij',
    AUTH_RATE_LIMIT_PER_IP: '1000000',
  });
  const migrator = await new DataSource(
    migrationDataSourceOptions({ ...config, DATABASE_OWNER_URL: postgres.ownerUrl }),
  ).initialize();
  await migrator.runMigrations();
  await migrator.destroy();

  const app = await createHttpApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  const url = `http://127.0.0.1:${address.port}`;
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await worker.init();
  const api = new ApiClient(url);
  const owner = await signUp(api, 'bench');
  const superuser = new Client({ connectionString: postgres.superuserUrl });
  await superuser.connect();

  const indexEndToEnd = async (bytes: Buffer, name: string): Promise<{ seconds: number; document: DocumentBody }> => {
    const started = performance.now();
    const upload = await uploadFile(url, owner.accessToken, bytes, name);
    const document = await waitForIndexing(api, owner.accessToken, upload.body.data.id, 600_000);
    return { seconds: (performance.now() - started) / 1000, document };
  };
  const extractedMb = async (id: string): Promise<number> => {
    const [row] = (
      await superuser.query('SELECT max(end_offset) AS chars FROM document_chunks WHERE document_id = $1', [id])
    ).rows as Array<{ chars: number }>;
    return row.chars / 1_000_000;
  };

  // 1. Throughput, with a raw baseline for the same Markdown chunks.
  const markdown = Buffer.from(makeLongMarkdown(200, 20, 'throughput'));
  const md = await indexEndToEnd(markdown, 'throughput.md');
  const mdMb = await extractedMb(md.document.id);
  const chunks = chunkDocument(parseMarkdown(markdown.toString('utf8'))).chunks;
  await superuser.query('BEGIN');
  const baselineStart = performance.now();
  for (let start = 0; start < chunks.length; start += 500) {
    const rows = chunks.slice(start, start + 500);
    await superuser.query(
      `INSERT INTO document_chunks (id, organization_id, document_id, version, position, heading_path, text, start_offset, end_offset, search_vector)
       SELECT gen_random_uuid(), $1, $2, 99, r.position, '{}', r.text, 0, 0, to_tsvector('english', r.text)
       FROM jsonb_to_recordset($3::jsonb) AS r(position int, text text)`,
      [owner.organizationId, md.document.id, JSON.stringify(rows.map((c) => ({ position: c.position, text: c.text })))],
    );
  }
  const baselineSeconds = (performance.now() - baselineStart) / 1000;
  await superuser.query('ROLLBACK');

  const pdfBytes = await makePdf(
    Array.from({ length: 60 }, (_, i) => ({
      heading: `Chapter ${i}`,
      paragraphs: [makeLongMarkdown(1, 6, `pdf${i}`)],
    })),
  );
  const pdf = await indexEndToEnd(pdfBytes, 'throughput.pdf');
  const pdfMb = await extractedMb(pdf.document.id);

  // 2. Upload to searchable, 100 KB Markdown.
  const searchable: number[] = [];
  for (let run = 0; run < 15; run++) {
    const doc = Buffer.from(makeLongMarkdown(20, 10, `latency${run}`)).subarray(0, 100_000);
    const started = performance.now();
    const upload = await uploadFile(url, owner.accessToken, doc, `l${run}.md`);
    for (;;) {
      const hits = await api.get<{ data: unknown[] }>(`/v1/knowledge/search?q=latency${run}`, {
        token: owner.accessToken,
      });
      if (hits.body.data.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    searchable.push(performance.now() - started);
    void upload;
  }

  // 3. Search at scale: synthetic chunks over a 1,000-word vocabulary, in 100 organizations.
  say(`seeding ${CHUNKS} chunks...`);
  const seedStart = performance.now();
  const perOrg = Math.floor(CHUNKS / ORGANIZATIONS);
  const organizations = [owner.organizationId];
  for (let i = 1; i < ORGANIZATIONS; i++) {
    const { rows } = await superuser.query<{ id: string }>(
      `INSERT INTO organizations (id, name, slug) VALUES (gen_random_uuid(), $1, $1) RETURNING id`,
      [`bench-${i}`],
    );
    organizations.push(rows[0].id);
  }
  for (const organizationId of organizations) {
    const { rows } = await superuser.query<{ id: string }>(
      `INSERT INTO documents (id, organization_id, title, format, size_bytes, sha256, status, created_by)
       VALUES (gen_random_uuid(), $1, 'Synthetic', 'text', 0, md5(random()::text) || md5(random()::text), 'ready', $1)
       RETURNING id`,
      [organizationId],
    );
    await superuser.query(
      `INSERT INTO document_chunks (id, organization_id, document_id, version, position, heading_path, text, start_offset, end_offset, search_vector)
       SELECT gen_random_uuid(), $1, $2, 1, g, ARRAY['Synthetic'], t.text, 0, length(t.text),
              setweight(to_tsvector('english', 'Synthetic'), 'A') || setweight(to_tsvector('english', t.text), 'B')
       FROM generate_series(1, $3) AS g
       CROSS JOIN LATERAL (SELECT string_agg('w' || (random() * 999)::int, ' ') AS text FROM generate_series(1, 40) WHERE g > 0) AS t`,
      [organizationId, rows[0].id, perOrg],
    );
  }
  await superuser.query('ANALYZE document_chunks');
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const queries = Array.from(
    { length: SEARCHES },
    () => `w${Math.floor(Math.random() * 1000)} w${Math.floor(Math.random() * 1000)}`,
  );
  const apiTimes: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    const response = await api.get(`/v1/knowledge/search?q=${encodeURIComponent(q)}&limit=10`, {
      token: owner.accessToken,
    });
    apiTimes.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`search failed: ${response.status}`);
  }
  const appRole = new Client({ connectionString: postgres.url });
  await appRole.connect();
  const sqlTimes: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await appRole.query('BEGIN');
    await appRole.query(`SELECT set_config('app.organization_id', $1, true)`, [owner.organizationId]);
    await appRole.query(searchSql('search'), [owner.organizationId, q, 10, null]);
    await appRole.query('COMMIT');
    sqlTimes.push(performance.now() - started);
  }

  const results = {
    measuredAt: new Date().toISOString(),
    indexing: {
      markdown: {
        extractedMb: round(mdMb, 3),
        seconds: round(md.seconds),
        mbPerSecond: round(mdMb / md.seconds),
        chunks: md.document.chunkCount,
      },
      rawBaseline: {
        seconds: round(baselineSeconds),
        mbPerSecond: round(mdMb / baselineSeconds),
        chunks: chunks.length,
      },
      pdf: {
        extractedMb: round(pdfMb, 3),
        seconds: round(pdf.seconds),
        mbPerSecond: round(pdfMb / pdf.seconds),
        chunks: pdf.document.chunkCount,
      },
    },
    uploadToSearchable100KbMs: {
      p50: round(percentile(searchable, 50)),
      p95: round(percentile(searchable, 95)),
      runs: searchable.length,
    },
    search: {
      chunks: perOrg * ORGANIZATIONS,
      organizations: ORGANIZATIONS,
      seedSeconds: round(seedSeconds, 1),
      apiMs: { p50: round(percentile(apiTimes, 50)), p95: round(percentile(apiTimes, 95)) },
      rawSqlMs: { p50: round(percentile(sqlTimes, 50)), p95: round(percentile(sqlTimes, 95)) },
      queries: SEARCHES,
    },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = join(__dirname, 'results', `knowledge-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  say(JSON.stringify(results, null, 2));

  await appRole.end();
  await superuser.end();
  await worker.close();
  await app.close();
  await redis.stop();
  await postgres.stop();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
