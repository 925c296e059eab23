import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunAs } from './postgres-system-user';

export interface ServerOptions {
  /** Folder with `bin/initdb` and `bin/postgres`. */
  home: string;
  dataDir: string;
  port: number;
  superuser: { user: string; password: string };
  flags: string[];
  runAs: RunAs | undefined;
}

/** English server messages, which `start` reads to know the server is ready. */
const env = (): NodeJS.ProcessEnv => ({ ...process.env, LC_MESSAGES: 'C' });

/** Resolves when `readyWhen` matches the output so far, or (without it) when the process exits with 0. */
function run(child: ChildProcess, readyWhen?: (output: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (readyWhen?.(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && !readyWhen) resolve();
      else reject(new Error(`${child.spawnfile} exited (${signal ?? code}): ${output.trim().slice(-800)}`));
    });
  });
}

/** Creates the cluster in `dataDir` with a password-protected superuser. */
export async function initialiseCluster(options: ServerOptions): Promise<void> {
  const secrets = mkdtempSync(join(tmpdir(), 'deskbase-pg-init-'));
  const passwordFile = join(secrets, 'password');
  writeFileSync(passwordFile, `${options.superuser.password}\n`, { mode: 0o600 });
  if (options.runAs) {
    chownSync(secrets, options.runAs.uid, options.runAs.gid);
    chownSync(passwordFile, options.runAs.uid, options.runAs.gid);
  }
  try {
    const initdb = spawn(
      join(options.home, 'bin', 'initdb'),
      [
        `--pgdata=${options.dataDir}`,
        '--auth=scram-sha-256',
        `--username=${options.superuser.user}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
        '--encoding=UTF8',
      ],
      { ...options.runAs, env: env(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await run(initdb);
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

export interface RunningServer {
  /** Fast shutdown; deletes the data folder unless `persistent`. */
  stop: () => Promise<void>;
}

/** Starts `postgres` and resolves once it accepts connections. */
export async function startServer(options: ServerOptions, persistent: boolean): Promise<RunningServer> {
  const child = spawn(
    join(options.home, 'bin', 'postgres'),
    ['-D', options.dataDir, '-p', String(options.port), ...options.flags],
    { ...options.runAs, env: env(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If our process dies without stopping it, do not leave a server holding the data folder.
  const stopOnExit = (): void => void child.kill('SIGINT');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  await run(child, (output) => output.includes('database system is ready to accept connections'));
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
      if (!persistent && existsSync(options.dataDir)) rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}
