/**
 * `npm start`: the whole stack on one machine. Builds the code (unless dist/ is current), starts
 * an embedded PostgreSQL (unless DATABASE_URL is set; then DATABASE_OWNER_URL runs the
 * migrations), redis-server (unless REDIS_URL is set) and a mail inbox side by side with data
 * under .data/, runs the migrations when any is due, then runs the API and the worker as
 * separate processes.
 * Ctrl-C or SIGTERM stops everything it started.
 *
 * Scale-out on one machine (`npm run start:scaled`): DEV_API_PROCESSES and DEV_WORKER_PROCESSES
 * (default 1 each) start that many API processes and workers against the same PostgreSQL and
 * Redis; scripts/stack/dev-ports.ts lays out their ports (metrics included).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startMailInbox } from './stack/mail';
import { hasPendingMigrations } from './stack/pending-migrations';
import { startPostgres } from './stack/postgres';
import { startRedis } from './stack/redis';
import { devProcesses } from './stack/dev-ports';
import { NODE_FLAGS } from './stack/node-flags';
import { devQueueDashboardLogin } from './stack/dev-queue-dashboard';
import { demoExampleCalls, demoSeedArguments } from './demo/demo-content';

const root = resolve(__dirname, '..');
const dataDir = join(root, '.data');
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
const apiPort = Number(env.PORT ?? 3000);
const apiProcesses = Number(env.DEV_API_PROCESSES ?? 1);
const workerProcesses = Number(env.DEV_WORKER_PROCESSES ?? 1);
const stops: Array<() => Promise<void>> = [];
const children: ChildProcess[] = [];
let stopping = false;

const say = (line: string): void => void process.stdout.write(`[deskbase] ${line}\n`);

function run(command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function startProcess(name: string, script: string, extraEnv: NodeJS.ProcessEnv = {}): void {
  const child = spawn(process.execPath, [...NODE_FLAGS, script], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: 'inherit',
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${signal ?? code}); stopping everything`);
    void shutdown(1);
  });
  children.push(child);
}

async function waitUntilReady(url: string, timeoutMs = 60_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')))),
  );
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  say('stopped');
  process.exit(exitCode);
}

/**
 * A local inbox catches every mail, unless SMTP_URL points elsewhere or mail is off. Its SMTP_URL
 * is set at once: the processes send no mail at boot, so nothing waits for the inbox to be up.
 */
function startDevMail(): Promise<{ inboxUrl: string; apiUrl: string } | null> {
  if (env.SMTP_URL || env.MAIL_DISABLED === 'true') return Promise.resolve(null);
  say('starting the local mail inbox (maildev)...');
  const smtpPort = Number(env.DEV_MAIL_SMTP_PORT ?? 1025);
  env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  return startMailInbox({
    dataDir: join(dataDir, 'mail'),
    smtpPort,
    webPort: Number(env.DEV_MAIL_WEB_PORT ?? 1080),
  }).then(
    (inbox) => {
      stops.push(inbox.stop);
      return inbox;
    },
    (error: unknown) => {
      say(`the mail inbox did not start: ${error instanceof Error ? error.message : String(error)}`);
      return shutdown(1).then(() => null);
    },
  );
}

/** A random signing key kept in .data/, so sessions survive a restart of the launcher. */
function devJwtSecret(): string {
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The latest change under these paths (a directory's own time covers a file deleted from it). */
function lastChange(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    latest = Math.max(latest, stat.mtimeMs);
    if (stat.isDirectory()) latest = Math.max(latest, lastChange(readdirSync(path).map((name) => join(path, name))));
  }
  return latest;
}

/** A second start skips `nest build` (seconds of CLI start-up) when nothing it compiles changed since. */
function buildIsCurrent(): boolean {
  const built = join(root, 'dist', 'main.js');
  if (!existsSync(built)) return false;
  const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', '.swcrc', 'package-lock.json'];
  return lastChange(inputs.map((path) => join(root, path))) < statSync(built).mtimeMs;
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(0));
  mkdirSync(dataDir, { recursive: true });

  if (buildIsCurrent()) say('build is current (dist/ is newer than src/)');
  else {
    say('building...');
    run('npm', ['run', '--silent', 'build']);
  }

  // Only the migrations connect as the schema owner; the API and the worker never get its URL.
  let ownerUrl = env.DATABASE_OWNER_URL;
  delete env.DATABASE_OWNER_URL;
  // The services start side by side: none needs another.
  const mail = startDevMail();
  await Promise.all([
    (async () => {
      if (env.DATABASE_URL) return;
      say('starting embedded PostgreSQL (data in .data/postgres)...');
      const postgres = await startPostgres({
        dataDir: join(dataDir, 'postgres'),
        port: Number(env.DEV_POSTGRES_PORT ?? 54329),
        persistent: true,
      });
      stops.push(postgres.stop);
      env.DATABASE_URL = postgres.url;
      ownerUrl = postgres.ownerUrl;
    })(),
    (async () => {
      if (env.REDIS_URL) return;
      say('starting redis-server (data in .data/redis, append-only)...');
      const redis = await startRedis({
        dataDir: join(dataDir, 'redis'),
        port: Number(env.DEV_REDIS_PORT ?? 63799),
        persistent: true,
      });
      stops.push(redis.stop);
      env.REDIS_URL = redis.url;
    })(),
  ]);

  env.JWT_SECRET ??= devJwtSecret();
  const dashboard = devQueueDashboardLogin(env, dataDir);
  env.QUEUE_DASHBOARD_USERNAME = dashboard.username;
  env.QUEUE_DASHBOARD_PASSWORD = dashboard.password;

  if (ownerUrl && !(await hasPendingMigrations(ownerUrl, join(root, 'dist', 'core', 'database', 'migrations')))) {
    say('migrations are current');
  } else {
    say('running migrations (as the schema owner)...');
    run(process.execPath, ['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/core/database/data-source.js'], {
      DATABASE_OWNER_URL: ownerUrl,
    });
  }
  const credentialsFile = join(dataDir, 'demo-credentials.json');
  // The demo is seeded once, into an empty database; its credentials file says it was. The demo
  // team is fictional: its invitations are accepted by the seed itself, not mailed.
  if (!existsSync(credentialsFile)) {
    run(process.execPath, ['dist/seed-demo.js', credentialsFile, ...(await demoSeedArguments(dataDir))], {
      MAIL_DISABLED: 'true',
    });
  }

  const processes = devProcesses(env, apiProcesses, workerProcesses);
  for (const { name, script, env: processEnv } of processes) startProcess(name, script, processEnv);

  const base = `http://127.0.0.1:${apiPort}`;
  const [ready, inbox] = await Promise.all([waitUntilReady(`${base}/health/ready`), mail]);
  if (!ready) {
    say('the API did not become ready within 60 s');
    return shutdown(1);
  }
  say(`ready: ${apiProcesses} API process(es), ${workerProcesses} worker(s)`);
  for (const { name, ports } of processes) say(`  ${name.padEnd(12)} ${ports}`);
  say(`  Swagger UI   ${base}/docs   (OpenAPI JSON: ${base}/docs/json)`);
  say(`  Health       ${base}/health/live   ${base}/health/ready`);
  say(`  Queues       ${base}/admin/queues   login ${dashboard.username} / ${dashboard.password}`);
  say(`  PostgreSQL   ${env.DATABASE_URL}`);
  say(`  Redis        ${env.REDIS_URL}`);
  if (inbox) say(`  Mail inbox   ${inbox.inboxUrl}   (every mail sent; REST: GET ${inbox.apiUrl}/email)`);
  say(
    `  Billing      ${env.STRIPE_SECRET_KEY ? 'on (Stripe; webhooks at /v1/billing/webhooks/stripe)' : 'off (self-hosted plan, no limits)'}`,
  );
  if (existsSync(credentialsFile)) {
    const demo = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, string>;
    say(`Demo organization "${demo.organization}" (credentials kept in .data/demo-credentials.json):`);
    say(`  login        ${demo.email} / ${demo.password}`);
    say(`  API key      ${demo.apiKey}`);
    say('Try it (the help center is indexed by the worker in the first seconds):');
    for (const call of demoExampleCalls(base, demo.apiKey)) say(`  ${call}`);
  }
  say('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`[deskbase] ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
