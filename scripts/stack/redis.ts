import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';

export interface RedisHandle {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export interface RedisOptions {
  dataDir: string;
  port: number;
  /** Append-only file on (dev launcher) or no persistence at all (tests). */
  persistent: boolean;
}

const HOW_TO_GET_REDIS = [
  'redis-server was not found on PATH. Install it, or point REDIS_URL at a running Redis:',
  '  Debian/Ubuntu: sudo apt-get install -y redis-server',
  '  macOS:         brew install redis',
  '  Docker:        docker compose up -d redis   (then REDIS_URL=redis://127.0.0.1:6379)',
].join('\n');

const onPath = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Makes sure `redis-server` is on PATH: installs it with apt-get as root on Debian/Ubuntu, else explains how. */
export function ensureRedisServer(): void {
  if (onPath('redis-server')) return;
  if (userInfo().uid === 0 && onPath('apt-get')) {
    process.stdout.write('redis-server is missing; installing it with apt-get...\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
    if (onPath('redis-server')) return;
  }
  throw new Error(HOW_TO_GET_REDIS);
}

/** Starts `redis-server` on loopback and resolves once it accepts connections. */
export function startRedis(options: RedisOptions): Promise<RedisHandle> {
  ensureRedisServer();
  mkdirSync(options.dataDir, { recursive: true });
  const persistence = options.persistent ? ['--appendonly', 'yes'] : ['--appendonly', 'no', '--save', ''];
  const child = spawn(
    'redis-server',
    ['--port', String(options.port), '--bind', '127.0.0.1', '--dir', options.dataDir, ...persistence],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If our process dies without stopping it, do not leave an orphan server behind.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: `redis://127.0.0.1:${options.port}`,
        port: options.port,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}: ${output.slice(-500)}`)));
  });
}
