import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/stack/free-port';
import { type RedisHandle, startRedis } from '../scripts/stack/redis';
import { ApiClient, signUp } from './support/api-client';
import { sql } from './support/database';
import { makeLongMarkdown } from './support/document-fixtures';
import { type DocumentBody, uploadFile, waitForIndexing } from './support/knowledge-client';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_JWT_SECRET } from './support/test-config';
import { testStack } from './support/test-stack';

const LOCK_MS = 2_000;

/** A real worker process (`src/worker.ts` compiled on the fly by swc), as `node dist/worker.js` runs in production. */
async function startWorkerProcess(redisUrl: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--require', '@swc-node/register', join(__dirname, '..', 'src', 'worker.ts')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: testStack().databaseUrl,
        REDIS_URL: redisUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        HOST: '127.0.0.1',
        WORKER_HEALTH_PORT: String(await freePort()),
        KNOWLEDGE_JOB_LOCK_MS: String(LOCK_MS),
      },
      stdio: 'ignore',
    },
  );
  return child;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

describe('indexing survives a worker killed mid-job', () => {
  let redis: RedisHandle;
  let testApp: TestApp;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // Its own Redis, so no other spec's worker can pick the job up.
    redis = await startRedis({
      dataDir: mkdtempSync(join(tmpdir(), 'deskbase-crash-')),
      port: await freePort(),
      persistent: false,
    });
    testApp = await startTestApp({ REDIS_URL: redis.url });
  });

  afterAll(async () => {
    for (const child of workers) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await testApp?.close();
    await redis?.stop();
  });

  it('a new worker finishes the document with exactly one set of chunks', async () => {
    const api = new ApiClient(testApp.url);
    const owner = await signUp(api, 'kb-crash');
    const markdown = Buffer.from(makeLongMarkdown(400, 40, 'crash'));
    const upload = await uploadFile(testApp.url, owner.accessToken, markdown, 'huge.md');
    expect(upload.status).toBe(202);
    const id = upload.body.data.id;

    const first = await startWorkerProcess(redis.url);
    workers.push(first);
    for (let status = 'queued'; status !== 'processing';) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await api.get<{ data: DocumentBody }>(`/v1/knowledge/documents/${id}`, { token: owner.accessToken }))
        .body.data.status;
      expect(status).not.toBe('ready');
    }
    first.kill('SIGKILL');
    await exited(first);
    expect(await sql('SELECT 1 FROM document_chunks WHERE document_id = $1', [id])).toEqual([]);

    workers.push(await startWorkerProcess(redis.url));
    const document = await waitForIndexing(api, owner.accessToken, id, 90_000);
    expect(document).toMatchObject({ status: 'ready', version: 1 });
    const [counts] = await sql<{ total: number; positions: number; versions: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT position)::int AS positions, count(DISTINCT version)::int AS versions
       FROM document_chunks WHERE document_id = $1`,
      [id],
    );
    expect(counts).toEqual({ total: document.chunkCount, positions: document.chunkCount, versions: 1 });
    const [{ attempts }] = await sql<{ attempts: number }>('SELECT attempts FROM documents WHERE id = $1', [id]);
    expect(attempts).toBe(2);
  }, 150_000);
});
