import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freeConsecutivePorts, freePort } from '../../scripts/stack/free-port';

const root = resolve(__dirname, '..', '..');

/**
 * A fresh copy of the project in a folder only its owner may enter (`mktemp -d` makes them 0700,
 * as a root user's home is): as root, PostgreSQL runs as another system user there. Sources are
 * copied; node_modules is hard-linked, so it costs no space and seconds only.
 */
function privateCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'deskbase-first-start-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root });
  execFileSync('sh', ['-c', `tar --null -T - -cf - | tar -xf - -C "${copy}"`], { cwd: root, input: files });
  execFileSync('cp', ['-al', join(root, 'node_modules'), join(copy, 'node_modules')]);
  return copy;
}

describe('npm start on a fresh clone in a private folder', () => {
  let copy: string;
  let launcher: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    launcher?.kill('SIGKILL');
    const data = join(copy, '.data', 'postgres');
    // As root the cluster lives outside the copy, behind this link: remove it too.
    if (existsSync(data)) rmSync(realpathSync(data), { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  });

  it('starts the whole stack, serves the API and metrics, and stops cleanly', async () => {
    copy = privateCopy();
    expect(statSync(copy).mode & 0o777).toBe(0o700);
    const [api, worker, postgres, redis, smtp, inbox] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    // The API's metrics on this port, the worker's on the next: both must be free too.
    const metrics = await freeConsecutivePorts(2);
    launcher = spawn(join(copy, 'node_modules', '.bin', 'tsx'), ['scripts/dev.ts'], {
      cwd: copy,
      env: {
        ...process.env,
        PORT: String(api),
        WORKER_HEALTH_PORT: String(worker),
        METRICS_PORT: String(metrics),
        DEV_POSTGRES_PORT: String(postgres),
        DEV_REDIS_PORT: String(redis),
        DEV_MAIL_SMTP_PORT: String(smtp),
        DEV_MAIL_WEB_PORT: String(inbox),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => launcher!.once('exit', (code) => done(code)));
    const ready = await Promise.race([
      new Promise<boolean>((done) => {
        const poll = setInterval(() => {
          if (!output.includes('Press Ctrl-C to stop.')) return;
          clearInterval(poll);
          done(true);
        }, 200);
      }),
      exited.then(() => false),
    ]);
    if (!ready) {
      // The launcher's own lines say which process exited; the app's start-up logs would push them out of the tail.
      const launcherLines = output.split('\n').filter((line) => line.startsWith('[deskbase]'));
      throw new Error(`the launcher did not become ready:\n${launcherLines.join('\n')}\n...\n${output.slice(-3000)}`);
    }
    expect(output).not.toContain('EACCES');
    expect((await fetch(`http://127.0.0.1:${api}/health/ready`)).status).toBe(200);
    expect(output).toContain(`http://127.0.0.1:${metrics}/metrics`);
    expect((await fetch(`http://127.0.0.1:${metrics}/metrics`)).status).toBe(200);
    expect(output).toMatch(/login {8}owner@demo\.deskbase\.local \/ \S+/);
    expect(output).toMatch(/Queues .*login operator \/ \S{16,}/);

    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('[deskbase] stopped');
  }, 240_000);
});
