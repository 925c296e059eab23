import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../../../scripts/stack/free-port';

/** Environment variable through which the ops global setup tells specs where the build is. */
export const OPS_BUILD = 'DESKBASE_OPS_BUILD';

export interface RunningProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> of its main port (API) or health port (worker). */
  url: string;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Polls until `probe` returns true or the deadline passes. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await probe().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/**
 * Starts `node <build>/test/ops/fixtures/<entry>.js` (the real API or worker entry with the
 * probe fixtures) on a free port and resolves once its liveness answers.
 */
export async function startProcess(
  entry: 'api' | 'worker',
  env: { DATABASE_URL: string; REDIS_URL: string } & Record<string, string>,
): Promise<RunningProcess> {
  const build = process.env[OPS_BUILD];
  if (!build) throw new Error('Run the process-level specs with `npm run test:ops`.');
  const port = await freePort();
  const child = spawn(process.execPath, [join(build, 'test/ops/fixtures', `${entry}.js`)], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      // Production refuses any secret written in the repository.
      JWT_SECRET: randomBytes(48).toString('base64url'),
      READINESS_WORKER_ABSENCE_MS: '0',
      MAIL_DISABLED: 'true',
      ...(entry === 'api' ? { PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const live = await eventually(async () => (await fetch(`${url}/health/live`)).status === 200);
  if (!live) {
    child.kill('SIGKILL');
    throw new Error(`${entry} did not start:\n${output}`);
  }
  return { child, url, output: () => output, exited };
}

/** Kills what is still running, for afterAll. */
export async function killAll(candidates: Array<RunningProcess | undefined>): Promise<void> {
  const processes = candidates.filter((p): p is RunningProcess => p !== undefined);
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
}
