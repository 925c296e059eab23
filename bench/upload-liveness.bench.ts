/**
 * How long a liveness probe waits while the adversarial corpus is uploaded and indexed, measured
 * as Kubernetes would see it: the API's own event loop answers the probes (this thread), while
 * the uploading client and the indexing worker run on threads of their own, as they would in
 * other processes. Figures, not assertions:
 *   npm run bench:liveness
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { hostileDocuments, redosTexts } from '../test/support/hostile-documents';
import { startAppStack } from './app-stack';
import { percentile } from './percentile';

const MB = 1024 * 1024;
const BOMB_MB = 1024;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** The client: uploads every document at once, from its own thread, and hands back the ids. */
const UPLOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const upload = async ({ name, bytes }) => {
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'upload.bin');
  const response = await fetch(workerData.url + '/v1/knowledge/documents', {
    method: 'POST', headers: { authorization: 'Bearer ' + workerData.token }, body: form,
  });
  const body = await response.json();
  return { name, status: response.status, id: body.data?.id };
};
Promise.all(workerData.documents.map(upload)).then((results) => parentPort.postMessage(results));
`;

interface Probes {
  phase: string;
  latencies: number[];
  loopMaxMs: number;
}

/** Times /health/live back to back until `until` settles. */
async function probeUntil(url: string, phase: string, until: Promise<unknown>): Promise<Probes> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${url}/health/live`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`/health/live answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
  loop.disable();
  return { phase, latencies, loopMaxMs: loop.max / 1e6 };
}

function startWorkerThread(env: Record<string, string>): Worker {
  // The indexing worker, on its own event loop; its parsers are child processes as in production.
  return new Worker(
    `require('@swc-node/register');
     const { workerData } = require('node:worker_threads');
     const { NestFactory } = require('@nestjs/core');
     const { loadConfig } = require(workerData.src + '/core/config/load-config');
     const { WorkerModule } = require(workerData.src + '/worker.module');
     NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(workerData.env)), { logger: false })
       .then((app) => app.init());`,
    { eval: true, workerData: { env, src: join(__dirname, '..', 'src') } },
  );
}

async function signUp(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organizationName: 'Liveness',
      name: 'Prober',
      email: 'liveness@example.com',
      password: 'correct horse battery staple',
    }),
  });
  const body = (await response.json()) as { data: { tokens: { accessToken: string } } };
  return body.data.tokens.accessToken;
}

async function allSettled(url: string, token: string, ids: string[]): Promise<void> {
  for (;;) {
    const states = await Promise.all(
      ids.map(async (id) => {
        const response = await fetch(`${url}/v1/knowledge/documents/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await response.json()) as { data: { status: string } }).data.status;
      }),
    );
    if (states.every((state) => state === 'ready' || state === 'failed')) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const summary = ({ phase, latencies, loopMaxMs }: Probes) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    phase,
    probes: sorted.length,
    p50Ms: Number(percentile(sorted, 50).toFixed(1)),
    p99Ms: Number(percentile(sorted, 99).toFixed(1)),
    worstMs: Number((sorted.at(-1) ?? 0).toFixed(1)),
    apiLoopMaxDelayMs: Number(loopMaxMs.toFixed(1)),
  };
};

async function main(): Promise<void> {
  const stack = await startAppStack(
    {
      KNOWLEDGE_MAX_INFLATED_BYTES: String(32 * MB),
      KNOWLEDGE_PARSER_MEMORY_MB: '256',
      KNOWLEDGE_PARSE_TIMEOUT_MS: '60000',
      WORKER_CONCURRENCY: '2',
    },
    { worker: false },
  );
  const worker = startWorkerThread(stack.env);
  try {
    const token = await signUp(stack.url);
    const documents = [...hostileDocuments(BOMB_MB), ...redosTexts()].map(({ name, bytes }) => ({ name, bytes }));
    say(
      `${documents.length} documents, ${(documents.reduce((n, d) => n + d.bytes.length, 0) / MB).toFixed(1)} MB in all`,
    );
    const uploader = new Worker(UPLOADER, { eval: true, workerData: { url: stack.url, token, documents } });
    const uploaded = new Promise<Array<{ name: string; status: number; id?: string }>>((resolve, reject) => {
      uploader.once('message', resolve);
      uploader.once('error', reject);
    });
    const uploading = summary(await probeUntil(stack.url, 'upload', uploaded));
    const results = await uploaded;
    const ids = results.flatMap((result) => (result.id ? [result.id] : []));
    const parsing = summary(await probeUntil(stack.url, 'parse', allSettled(stack.url, token, ids)));
    const statuses = results.map((result) => `${result.status}`).join(' ');
    say(`upload answers: ${statuses}`);
    const machine = `load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
    for (const phase of [uploading, parsing]) {
      say(
        `/health/live while the corpus is ${phase.phase === 'upload' ? 'uploaded' : 'parsed'}: p50 ${phase.p50Ms} ms, p99 ${phase.p99Ms} ms, worst ${phase.worstMs} ms over ${phase.probes} probes; API event loop max delay ${phase.apiLoopMaxDelayMs} ms`,
      );
    }
    say(machine);
    const file = join(__dirname, 'results', `upload-liveness-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify({ machine, phases: [uploading, parsing] }, null, 2)}\n`);
    say(`results: ${file.slice(join(__dirname, '..').length + 1)}`);
  } finally {
    await worker.terminate();
    await stack.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
