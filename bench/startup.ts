/**
 * `npm run bench:startup`: start-up time and idle footprint (issue 16).
 *
 * 1. `node dist/main.js` and `node dist/worker.js` with the deployed V8 flags (scripts/stack/node-flags;
 *    NODE_ENV=production, against the bench's own PostgreSQL and Redis, migrated): time from spawn
 *    to `/health/live` answering 200, over BENCH_STARTUP_RUNS runs, then resident memory (VmRSS)
 *    after BENCH_IDLE_SECONDS of idling.
 * 2. `npm start` (the dev launcher, on free ports, data in .data/) started twice: time from
 *    spawn to its `ready:` line. The first run may build, initialise and seed; the second is
 *    what a developer waits for every day. BENCH_STARTUP_LAUNCHER=0 skips it.
 *
 * Prints a table and writes bench/results/startup-<timestamp>.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/stack/free-port';
import { NODE_FLAGS } from '../scripts/stack/node-flags';
import { round } from './load';
import { appEnv, type BenchStack, ROOT, startStack } from './stack';

const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const withLauncher = process.env.BENCH_STARTUP_LAUNCHER !== '0';
const say = (line: string): void => void process.stdout.write(`[startup] ${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process, in MB (VmRSS of /proc/<pid>/status). */
function rssMb(pid: number | undefined): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return round(Number(line?.replace(/\D+/g, '')) / 1024, 1);
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

/** Spawns `script` and resolves with the milliseconds until `url` answers 200. */
async function startNode(
  script: string,
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  while (performance.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}): ${stderr.slice(-1500)}`);
    if (
      (await fetch(url).then(
        (r) => r.status,
        () => 0,
      )) === 200
    ) {
      return { child, readyMs: round(performance.now() - started, 0) };
    }
    await sleep(25);
  }
  throw new Error(`${script} did not answer ${url} within 120 s`);
}

interface ProcessFigures {
  readyMs: number[];
  readyMedianMs: number;
  idleRssMb: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measureProcess(stack: BenchStack, kind: 'api' | 'worker'): Promise<ProcessFigures> {
  const readyMs: number[] = [];
  let idleRssMb = NaN;
  for (let run = 0; run < runs; run++) {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...appEnv(stack),
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      ...(kind === 'api' ? { PORT: String(port), HOST: '127.0.0.1' } : { WORKER_HEALTH_PORT: String(port) }),
    };
    const script = kind === 'api' ? 'dist/main.js' : 'dist/worker.js';
    const { child, readyMs: ms } = await startNode(script, env, `http://127.0.0.1:${port}/health/live`);
    readyMs.push(ms);
    if (run === runs - 1) {
      await sleep(idleSeconds * 1000);
      idleRssMb = rssMb(child.pid);
    }
    await stop(child);
  }
  say(`${kind}: ready in ${readyMs.join(', ')} ms; idle RSS ${idleRssMb} MB after ${idleSeconds} s`);
  return { readyMs, readyMedianMs: median(readyMs), idleRssMb };
}

/** One `npm start`: milliseconds until its `ready:` line; then Ctrl-C, as a developer stops it. */
async function launcherRun(ports: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, ...ports, NODE_ENV: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const ready = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/\[deskbase\] ready:/.test(output)) resolve(round(performance.now() - started, 0));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}): ${output.slice(-1500)}`)));
    setTimeout(() => reject(new Error(`npm start not ready in 300 s: ${output.slice(-1500)}`)), 300_000).unref();
  });
  child.removeAllListeners('exit');
  // The launcher stops its services and processes on SIGINT; the whole group gets it, as from a terminal.
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-(child.pid as number), 'SIGINT');
    setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 60_000).unref();
  });
  return ready;
}

async function main(): Promise<void> {
  const started = new Date();
  say(
    `machine: ${cpus().length} cores; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const stack = await startStack(say);
  let api: ProcessFigures;
  let worker: ProcessFigures;
  try {
    api = await measureProcess(stack, 'api');
    worker = await measureProcess(stack, 'worker');
  } finally {
    await stack.stop();
  }
  const launcher: number[] = [];
  if (withLauncher) {
    const ports: Record<string, string> = {};
    for (const name of [
      'PORT',
      'WORKER_HEALTH_PORT',
      'DEV_POSTGRES_PORT',
      'DEV_REDIS_PORT',
      'DEV_MAIL_SMTP_PORT',
      'DEV_MAIL_WEB_PORT',
    ]) {
      ports[name] = String(await freePort());
    }
    for (const run of [1, 2]) {
      launcher.push(await launcherRun(ports));
      say(`npm start, run ${run}: ready in ${launcher[launcher.length - 1]} ms`);
    }
  }
  const rows = [
    ['`node dist/main.js` to /health/live (median)', `${api.readyMedianMs} ms`, api.readyMs.join(', ')],
    ['`node dist/worker.js` to /health/live (median)', `${worker.readyMedianMs} ms`, worker.readyMs.join(', ')],
    [`API idle RSS (after ${idleSeconds} s)`, `${api.idleRssMb} MB`, 'goal < 150 MB'],
    [`worker idle RSS (after ${idleSeconds} s)`, `${worker.idleRssMb} MB`, 'goal < 150 MB'],
    ...launcher.map((ms, i) => [`\`npm start\` run ${i + 1} to ready`, `${ms} ms`, i === 1 ? 'goal < 5 s' : '']),
  ];
  process.stdout.write(`\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\n`);
  say(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const file = join(ROOT, 'bench', 'results', `startup-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ startedAt: started, loadavg: loadavg(), api, worker, launcher }, null, 2));
  say(`results written to bench/results/${file.split('/').pop()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[startup] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
