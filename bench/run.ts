/**
 * `npm run bench`: the tickets benchmark of issue 4. See bench/README.md.
 *
 * Seeds its own PostgreSQL and Redis, runs the real app (dist/main.js, NODE_ENV=production) and
 * the raw baseline (baseline/server.ts) side by side, measures them alternately in rounds with
 * autocannon, checks that both send the same SQL and answer the same JSON, EXPLAINs the app's
 * statements, prints a table and writes bench/results/<timestamp>.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { freePort } from '../scripts/stack/free-port';
import { NODE_FLAGS } from '../scripts/stack/node-flags';
import { SEARCH_QUERIES } from './corpus';
import { type CapturedRequest, type CaptureRequest, captureRequests, compareStatements, sameJson } from './equivalence';
import type { CapturedStatement } from './sql-capture';
import { explain, type PlanReport } from './explain';
import { compareProfiles } from './profile-summary';
import { type LoadSpec, type Measurement, round, runLoad, summarize } from './load';
import { processCounters } from './process-cpu';
import { searchSelectivity, seed, type SeedResult } from './seed';
import { appEnv, type BenchStack, ROOT, startStack } from './stack';

const num = (name: string, fallback: number): number => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
};

/** `BENCH_SMOKE=1`: a tiny data set and one short round, to prove the benchmark runs (CI); the numbers mean nothing then. */
const smoke = process.env.BENCH_SMOKE === '1';

const SCENARIOS = ['list', 'fixed', 'search', 'create'] as const;
type Scenario = (typeof SCENARIOS)[number];

function scenariosToRun(named: string | undefined): Scenario[] {
  const wanted = named ? named.split(',').map((name) => name.trim()) : [...SCENARIOS];
  const unknown = wanted.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  if (wanted.includes('fixed')) wanted.push('list');
  return SCENARIOS.filter((scenario) => wanted.includes(scenario));
}

const settings = {
  organizations: num('BENCH_ORGS', smoke ? 3 : 60),
  tickets: num('BENCH_TICKETS', smoke ? 3_000 : 200_000),
  skew: num('BENCH_SKEW', 0.7),
  rounds: num('BENCH_ROUNDS', smoke ? 1 : 5),
  seconds: num('BENCH_SECONDS', smoke ? 1 : 10),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', smoke ? 1 : 5),
  /**
   * Each paced round's first seconds, at its rate and not recorded: after the lull between its rounds a
   * server's pool reopens its connections, and that first second had a p99 of 75-180 ms in most rounds.
   */
  leadInSeconds: num('BENCH_LEAD_IN_SECONDS', smoke ? 0 : 2),
  connections: num('BENCH_CONNECTIONS', 16),
  /** Rounds of the shorter scenarios (full text, create). */
  extraRounds: num('BENCH_EXTRA_ROUNDS', smoke ? 1 : 2),
  /** The app's log level for the main measurement: production's default. */
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
  /**
   * Diagnostic targets: the app at LOG_LEVEL=warn, the app with a young generation capped at 2 x 8 MB and the baseline
   * without the user lookup.
   */
  diagnostics: process.env.BENCH_DIAGNOSTICS ? process.env.BENCH_DIAGNOSTICS !== '0' : !smoke,
  /** Write V8 CPU profiles of the app and the baseline (node --cpu-prof) into a scratch dir. */
  profile: process.env.BENCH_PROFILE === '1',
  /**
   * The scenarios to measure (`BENCH_SCENARIOS=create` profiles a creation alone); the fixed rate
   * is half the list's baseline max, so it brings the list along.
   */
  scenarios: scenariosToRun(process.env.BENCH_SCENARIOS),
  /** The app's V8 flags: the deployed ones (scripts/stack/node-flags) unless BENCH_NODE_FLAGS names others. */
  appNodeFlags: process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? NODE_FLAGS,
  /**
   * A second app with other V8 flags, measured in every round of every scenario beside the first
   * (`BENCH_COMPARE_NODE_FLAGS="--expose-gc"` weighs a flag against the deployed list in one run).
   */
  compareNodeFlags: process.env.BENCH_COMPARE_NODE_FLAGS?.split(/\s+/).filter(Boolean),
};

/** The diagnostic server's young-generation cap (MB per semi-space). */
const SMALL_YOUNG_GENERATION = '--max-semi-space-size=8';

const say = (line: string): void => void process.stdout.write(`[bench] ${line}\n`);

interface Target {
  name: string;
  kind: 'app' | 'baseline';
  url: string;
  child: ChildProcess;
  stdoutFile: string;
}

async function waitLive(url: string, child: ChildProcess, name: string): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    const status = await fetch(`${url}/health/live`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer /health/live within 60 s`);
}

interface TargetOptions {
  env?: NodeJS.ProcessEnv;
  /** Extra node flags (a CPU profile). */
  nodeArgs?: string[];
  /** Record every statement the server sends to PostgreSQL into this file (sql-capture.ts). */
  captureSqlTo?: string;
}

async function startTarget(
  stack: BenchStack,
  name: string,
  kind: Target['kind'],
  { env: extraEnv = {}, nodeArgs = [], captureSqlTo }: TargetOptions = {},
): Promise<Target> {
  const port = await freePort();
  const stdoutFile = join(stack.dir, `${name.replace(/\W+/g, '-')}.stdout.log`);
  const stderrFile = join(stack.dir, `${name.replace(/\W+/g, '-')}.stderr.log`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...appEnv(stack),
    NODE_ENV: 'production',
    ...extraEnv,
  };
  // The baseline runs from TypeScript (tsx); the app from dist/, with a TypeScript loader only for the recorder.
  const typescript =
    kind === 'baseline' ? ['--import', 'tsx'] : captureSqlTo ? ['--require', '@swc-node/register'] : [];
  const capture = captureSqlTo ? ['--require', join(__dirname, 'sql-capture.ts')] : [];
  if (captureSqlTo) env.SQL_CAPTURE_FILE = captureSqlTo;
  const entry = kind === 'app' ? 'dist/main.js' : join('bench', 'baseline', 'server.ts');
  const args = [...nodeArgs, ...typescript, ...capture, entry];
  if (kind === 'app') Object.assign(env, { PORT: String(port), HOST: '127.0.0.1' });
  else Object.assign(env, { BASELINE_PORT: String(port) });
  // Logs go to a file, as they would to a collector: the bench process does not pay for reading them.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', openSync(stdoutFile, 'w'), openSync(stderrFile, 'w')],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitLive(url, child, name);
  } catch (error) {
    process.stderr.write(readFileSync(stderrFile, 'utf8').slice(-2000));
    throw error;
  }
  return { name, kind, url, child, stdoutFile };
}

async function stopTarget(target: Target): Promise<void> {
  if (target.child.exitCode !== null || target.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    target.child.once('exit', () => resolve());
    target.child.kill('SIGTERM');
    setTimeout(() => target.child.kill('SIGKILL'), 10_000).unref();
  });
}

const signToken = (stack: BenchStack, user: SeedResult['users'][number]): string =>
  jwt.sign({ sub: user.id, org: user.organizationId, role: user.role, sid: user.sessionId }, stack.jwtSecret, {
    algorithm: 'HS256',
    issuer: stack.jwtIssuer,
    audience: stack.jwtAudience,
    expiresIn: 4 * 3600,
  });

function signTokens(stack: BenchStack, seeded: SeedResult, perOrganization = 3): string[] {
  // Organizations in turn (every tenant equally often), a few users of each.
  const byOrg = new Map<string, SeedResult['users']>();
  for (const user of seeded.users) byOrg.set(user.organizationId, [...(byOrg.get(user.organizationId) ?? []), user]);
  const lists = seeded.organizations.map((o) => (byOrg.get(o.id) ?? []).slice(0, perOrganization));
  const tokens: string[] = [];
  for (let i = 0; i < perOrganization; i++) {
    for (const users of lists) tokens.push(signToken(stack, users[i % users.length]));
  }
  return tokens;
}

const createBody = (i: number): string =>
  JSON.stringify({
    subject: `Benchmark ticket ${i}: checkout page times out on Safari`,
    description: 'Created by the benchmark. The customer cannot complete the payment after the latest update.',
    priority: ['low', 'normal', 'high', 'urgent'][i % 4],
    tags: ['bench', i % 2 ? 'billing' : 'bug'],
  });

const LIST_PATH = '/v1/tickets?limit=20';
const searchPath = (q: string): string => `${LIST_PATH}&q=${encodeURIComponent(q)}`;

/** One request of each scenario, as the load sends them. */
const CAPTURED_REQUESTS: Record<'list' | 'search' | 'create', CaptureRequest> = {
  list: { method: 'GET', path: LIST_PATH },
  search: { method: 'GET', path: searchPath(SEARCH_QUERIES[0]) },
  create: { method: 'POST', path: '/v1/tickets', body: createBody(0) },
};

/**
 * Runs the app and the baseline once with the SQL recorder: the statements each sends per
 * request (compared in order) and the JSON each answers (compared for a few callers).
 */
async function checkEquivalence(
  stack: BenchStack,
  tokens: string[],
  token: string,
): Promise<{
  captured: Record<'app' | 'baseline', Record<keyof typeof CAPTURED_REQUESTS, CapturedRequest>>;
  equivalence: { sqlMatches: Record<string, boolean>; sameJson: boolean };
}> {
  const servers: Target[] = [];
  try {
    const captured = { app: {}, baseline: {} } as Awaited<ReturnType<typeof checkEquivalence>>['captured'];
    for (const kind of ['app', 'baseline'] as const) {
      const file = join(stack.dir, `${kind}-sql.jsonl`);
      writeFileSync(file, '');
      const server = await startTarget(stack, `${kind} (SQL capture)`, kind, {
        env: { LOG_LEVEL: settings.logLevel },
        captureSqlTo: file,
      });
      servers.push(server);
      captured[kind] = (await captureRequests(server.url, file, token, CAPTURED_REQUESTS)) as typeof captured.app;
    }
    const sqlMatches = compareStatements(captured.app, captured.baseline, say);
    const paths = [LIST_PATH, searchPath(SEARCH_QUERIES[0])];
    const json = await sameJson(servers[0].url, servers[1].url, tokens.slice(0, 5), paths, say);
    return { captured, equivalence: { sqlMatches, sameJson: json } };
  } finally {
    for (const server of servers) await stopTarget(server);
  }
}

/** A round's figures, with the server's own CPU time per request (process-cpu.ts). */
/**
 * A round's server-side costs per request: CPU (with its user and system parts) and the write
 * system calls and bytes (responses, statements and log lines together).
 */
interface PerRequestCosts {
  cpuUsPerRequest: number;
  userUsPerRequest: number;
  systemUsPerRequest: number;
  writesPerRequest: number;
  bytesWrittenPerRequest: number;
}

type Round = Omit<Measurement, 'latencies'> & PerRequestCosts;

interface Series {
  scenario: string;
  target: string;
  rounds: Round[];
  latencies: number[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface Row {
  scenario: string;
  target: string;
  rounds: number;
  rpsMedian: number;
  rpsRounds: number[];
  p50: number;
  p99: number;
  /** The server process's CPU time per request (median of the rounds), in microseconds. */
  cpuUs: number;
  errors: number;
  ratio: string;
  cpuRatio: string;
}

function toRow(series: Series, reference?: Series): Row {
  const rps = series.rounds.map((r) => r.rps);
  const stats = summarize(series.latencies);
  const ratio = reference ? median(rps) / median(reference.rounds.map((r) => r.rps)) : NaN;
  const cpuUs = median(series.rounds.map((r) => r.cpuUsPerRequest));
  const cpuRatio = reference ? cpuUs / median(reference.rounds.map((r) => r.cpuUsPerRequest)) : NaN;
  return {
    scenario: series.scenario,
    target: series.target,
    rounds: series.rounds.length,
    rpsMedian: round(median(rps)),
    rpsRounds: rps,
    p50: stats.p50,
    p99: stats.p99,
    cpuUs: round(cpuUs, 0),
    errors: series.rounds.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
    ratio: Number.isNaN(ratio) ? '' : `${ratio.toFixed(2)}x`,
    cpuRatio: Number.isNaN(cpuRatio) ? '' : `${cpuRatio.toFixed(2)}x`,
  };
}

function table(rows: Row[]): string {
  const header = [
    'scenario',
    'target',
    'rounds',
    'req/s (median)',
    'req/s per round',
    'p50 ms',
    'p99 ms',
    'CPU µs/req',
    'errors',
    'app/baseline',
    'CPU app/baseline',
  ];
  const cells = rows.map((r) => [
    r.scenario,
    r.target,
    String(r.rounds),
    r.rpsMedian.toFixed(1),
    r.rpsRounds.map((v) => v.toFixed(0)).join(' '),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    String(r.cpuUs),
    String(r.errors),
    r.ratio,
    r.cpuRatio,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  say(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}`,
  );
  say(`settings: ${JSON.stringify(settings)}`);
  const stack = await startStack(say);
  const targets: Target[] = [];
  const cleanup = async (): Promise<void> => {
    for (const target of targets) await stopTarget(target);
    await stack.stop();
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    say(`seeding ${settings.tickets} tickets in ${settings.organizations} organizations...`);
    const seeded = await seed(stack.superuserUrl, settings);
    const sizes = seeded.organizations.map((o) => o.tickets);
    say(
      `seeded ${seeded.tickets} tickets, ${seeded.users.length} users in ${seeded.organizations.length} organizations ` +
        `(largest ${sizes[0]}, median ${sizes[Math.floor(sizes.length / 2)]}, smallest ${sizes[sizes.length - 1]} tickets) ` +
        `in ${seeded.seconds.toFixed(0)} s`,
    );
    const selectivity = await searchSelectivity(stack.superuserUrl);
    say(`full-text matches over all tickets: ${selectivity.map((s) => `${s.q}=${s.matches}`).join(', ')}`);

    const tokens = signTokens(stack, seeded);
    const largest = seeded.organizations[0];
    const median_ = seeded.organizations[Math.floor(seeded.organizations.length / 2)];
    const smallest = seeded.organizations[seeded.organizations.length - 1];
    const firstUser = seeded.users.find((u) => u.organizationId === smallest.id);
    if (!firstUser) throw new Error('no user seeded');

    say('capturing the SQL each server sends per request (a recorder preloaded under pg)...');
    const { captured, equivalence } = await checkEquivalence(stack, tokens, signToken(stack, firstUser));
    say(`SQL identical: ${JSON.stringify(equivalence.sqlMatches)}; JSON identical: ${equivalence.sameJson}`);
    const statement = (statements: CapturedStatement[], prefix: string): CapturedStatement => {
      const found = statements.find((s) => s.sql.trimStart().startsWith(prefix));
      if (!found) throw new Error(`the app sent no statement starting with ${prefix}: ${JSON.stringify(statements)}`);
      return found;
    };
    const appStatements = [
      { what: 'list page', captured: statement(captured.app.list.statements, 'SELECT t.id') },
      { what: 'list total', captured: statement(captured.app.list.statements, 'SELECT COUNT') },
      { what: `q=${SEARCH_QUERIES[0]} page`, captured: statement(captured.app.search.statements, 'SELECT t.id') },
      { what: `q=${SEARCH_QUERIES[0]} total`, captured: statement(captured.app.search.statements, 'SELECT COUNT') },
    ];

    say('EXPLAIN (ANALYZE, BUFFERS) as the application role in a tenant transaction...');
    const orgs = [
      { tag: 'largest', org: largest },
      { tag: 'median', org: median_ },
      { tag: 'smallest', org: smallest },
    ];
    const plans: PlanReport[] = await explain(
      stack.superuserUrl,
      appStatements.flatMap(({ what, captured: { sql, parameters } }) =>
        orgs.map(({ tag, org }) => ({
          label: `${what} (app SQL), ${tag} org`,
          organizationId: org.id,
          organizationTickets: org.tickets,
          sql,
          // The organization is always $1; the other values are the ones the app sent.
          parameters: [org.id, ...parameters.slice(1)],
        })),
      ),
    );

    // Under RLS the full text only reaches its GIN index through the tenant-scoped function: check it does.
    const FULL_TEXT_INDEX = 'IDX_tickets_search';
    const fullTextPlans = plans.filter((p) => p.label.startsWith('q='));
    const fullTextIndexUsed =
      fullTextPlans.length > 0 &&
      fullTextPlans.every((p) => p.indexes.some((index) => index.startsWith(`${FULL_TEXT_INDEX}:`)));

    say('starting the servers...');
    const profiles = settings.profile ? join(tmpdir(), `deskbase-bench-profile-${Date.now()}`) : null;
    const profileArgs = (name: string): string[] =>
      profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
    const app = await startTarget(stack, `app (LOG_LEVEL=${settings.logLevel})`, 'app', {
      env: { LOG_LEVEL: settings.logLevel },
      nodeArgs: [...settings.appNodeFlags, ...profileArgs('app')],
    });
    targets.push(app);
    const baseline = await startTarget(stack, 'baseline', 'baseline', { nodeArgs: profileArgs('baseline') });
    targets.push(baseline);
    const compared = settings.compareNodeFlags
      ? await startTarget(stack, `app, ${settings.compareNodeFlags.join(' ')}`, 'app', {
          env: { LOG_LEVEL: settings.logLevel },
          nodeArgs: settings.compareNodeFlags,
        })
      : undefined;
    if (compared) targets.push(compared);
    const diagnostics: Target[] = [];
    if (settings.diagnostics) {
      if (settings.logLevel !== 'warn') {
        diagnostics.push(
          await startTarget(stack, 'app (LOG_LEVEL=warn)', 'app', {
            env: { LOG_LEVEL: 'warn' },
            nodeArgs: settings.appNodeFlags,
          }),
        );
      }
      // The semi-space choice the other way: a young generation capped at 2 x 8 MB (deployed before the
      // boot's collection kept idle memory low without it) against V8's default, what it costs per request.
      diagnostics.push(
        await startTarget(stack, `app, ${SMALL_YOUNG_GENERATION}`, 'app', {
          env: { LOG_LEVEL: settings.logLevel },
          nodeArgs: [...settings.appNodeFlags, SMALL_YOUNG_GENERATION],
        }),
      );
      diagnostics.push(
        await startTarget(stack, 'baseline, no user lookup', 'baseline', { env: { BASELINE_USER_LOOKUP: 'off' } }),
      );
      targets.push(...diagnostics);
    }

    const common = { tokens, connections: settings.connections };
    const list = (url: string, seconds: number, overallRate?: number): LoadSpec => ({
      ...common,
      url,
      method: 'GET',
      path: () => LIST_PATH,
      seconds,
      overallRate,
      leadInSeconds: overallRate ? settings.leadInSeconds : undefined,
    });
    const search = (url: string, seconds: number): LoadSpec => ({
      ...common,
      url,
      method: 'GET',
      path: (i) => searchPath(SEARCH_QUERIES[i % SEARCH_QUERIES.length]),
      seconds,
    });
    const create = (url: string, seconds: number): LoadSpec => ({
      ...common,
      url,
      method: 'POST',
      path: () => '/v1/tickets',
      body: createBody,
      seconds,
    });

    const series: Series[] = [];
    // Every request each server answered, warm-up included: what its CPU profile covers.
    const served = new Map<Target, number>();
    const load = async (target: Target, spec: LoadSpec): Promise<Measurement> => {
      const m = await runLoad(spec);
      served.set(target, (served.get(target) ?? 0) + m.served);
      return m;
    };
    const measure = async (scenario: string, target: Target, spec: LoadSpec): Promise<Measurement> => {
      const before = processCounters(target.child.pid);
      const m = await load(target, spec);
      const after = processCounters(target.child.pid);
      const perRequest = (key: keyof typeof after, scale = 1): number =>
        ((after[key] - before[key]) * scale) / m.served;
      const costs: PerRequestCosts = {
        cpuUsPerRequest: round(perRequest('userMs', 1000) + perRequest('systemMs', 1000), 0),
        userUsPerRequest: round(perRequest('userMs', 1000), 0),
        systemUsPerRequest: round(perRequest('systemMs', 1000), 0),
        writesPerRequest: round(perRequest('writeCalls'), 2),
        bytesWrittenPerRequest: round(perRequest('bytesWritten'), 0),
      };
      let s = series.find((x) => x.scenario === scenario && x.target === target.name);
      if (!s) series.push((s = { scenario, target: target.name, rounds: [], latencies: [] }));
      const { latencies, ...rest } = m;
      s.rounds.push({ ...rest, ...costs });
      for (const l of latencies) s.latencies.push(l);
      say(
        `  ${scenario.padEnd(34)} ${target.name.padEnd(30)} ${m.rps.toFixed(1).padStart(8)} req/s  ` +
          `p50 ${m.p50.toFixed(2)} ms  p99 ${m.p99.toFixed(2)} ms${Number.isNaN(m.leadInP99) ? '' : ` (lead-in's ${m.leadInP99.toFixed(1)})`}  CPU ${costs.cpuUsPerRequest} µs/req ` +
          `(user ${costs.userUsPerRequest}, system ${costs.systemUsPerRequest}), ${costs.writesPerRequest} writes ` +
          `of ${costs.bytesWrittenPerRequest} B/req  ` +
          `errors ${m.errors + m.non2xx + m.timeouts}`,
      );
      return m;
    };

    // The scenarios' own targets, in an order each round turns by one, so none is always first or last.
    const measured = compared ? [app, baseline, compared] : [app, baseline];
    const inTurn = (r: number): Target[] => [
      ...measured.slice(r % measured.length),
      ...measured.slice(0, r % measured.length),
    ];
    const listTargets = [...measured, ...diagnostics];
    say(`warm-up: ${settings.warmupSeconds} s of GET /v1/tickets on each server`);
    for (const t of listTargets) await load(t, list(t.url, settings.warmupSeconds));

    const LIST = 'GET /v1/tickets?limit=20';
    const runs = (scenario: Scenario): boolean => settings.scenarios.includes(scenario);
    if (runs('list')) {
      say(
        `${LIST}: ${settings.rounds} rounds x ${settings.seconds} s per server, ${settings.connections} connections, alternating`,
      );
      for (let r = 0; r < settings.rounds; r++) {
        // Alternate the order each round so drift (cache, autovacuum, thermal) falls on both sides.
        const order = r % 2 === 0 ? listTargets : [...listTargets].reverse();
        for (const t of order) await measure(LIST, t, list(t.url, settings.seconds));
      }
    }
    // The diagnostics are measured in the list's rounds only. Stopped now, so that during the paced,
    // search and create rounds nothing runs beside the two servers measured but the database.
    for (const t of diagnostics) await stopTarget(t);

    // The median over a server's list rounds of one of their figures.
    const listMedian = (target: Target, figure: (round: Round) => number): number =>
      median(series.find((s) => s.scenario === LIST && s.target === target.name)?.rounds.map(figure) ?? [0]);
    const baselineMax = listMedian(baseline, (x) => x.rps);
    const halfRate = Math.max(1, Math.round(baselineMax / 2));
    const FIXED = `${LIST} at ${halfRate} req/s (half the baseline max)`;
    const SEARCH = 'GET /v1/tickets?limit=20&q=<full text>';
    const CREATE = 'POST /v1/tickets';
    // Diagnostic: the baseline at the same share of its own maximum as the app's at half rate. Whatever p99
    // the app has beyond this one comes from its own stalls, not from the higher load its costlier requests make.
    const appMax = listMedian(app, (x) => x.rps);
    const equalShareRate = Math.round((halfRate * baselineMax) / appMax);
    const EQUAL_SHARE = `${LIST} at ${equalShareRate} req/s (the baseline at the app's share of its own max)`;
    // Diagnostic: the baseline burning, in each request, the CPU the app spends beyond it (the list rounds'
    // medians), and nothing else of the app's (no heap, no collector, no log). Where the app's p99 at half
    // rate is this one's, its tail is its cost per request; beyond it, stalls of its own.
    const listCpu = (target: Target): number => listMedian(target, (x) => x.cpuUsPerRequest);
    const extraCpu = Math.max(0, Math.round(listCpu(app) - listCpu(baseline)));
    const burdened =
      settings.diagnostics && runs('fixed')
        ? await startTarget(stack, `baseline + ${extraCpu} µs CPU a request`, 'baseline', {
            env: { BASELINE_EXTRA_CPU_US: String(extraCpu) },
          })
        : undefined;
    if (burdened) {
      targets.push(burdened);
      await load(burdened, list(burdened.url, settings.warmupSeconds));
    }
    // A p99 rests on its slowest 1%: the paced rounds are as many as the list's, so a single stall of the
    // machine (a checkpoint, another process) weighs less in it.
    const later: Array<{ scenario: Scenario; name: string; rounds: number; spec: (url: string) => LoadSpec }> = [
      { scenario: 'fixed', name: FIXED, rounds: settings.rounds, spec: (url) => list(url, settings.seconds, halfRate) },
      { scenario: 'search', name: SEARCH, rounds: settings.extraRounds, spec: (url) => search(url, settings.seconds) },
      { scenario: 'create', name: CREATE, rounds: settings.extraRounds, spec: (url) => create(url, settings.seconds) },
    ];
    for (const { scenario, name, rounds, spec } of later.filter((s) => runs(s.scenario))) {
      const paced =
        scenario === 'fixed'
          ? `, paced (one request due every 1/rate s, latency from when it was due)${
              settings.leadInSeconds > 0 ? `, each after ${settings.leadInSeconds} s at that rate not recorded` : ''
            }`
          : '';
      say(`${name}: ${rounds} rounds x ${settings.seconds} s${paced}`);
      for (let r = 0; r < rounds; r++) {
        for (const t of inTurn(r)) await measure(name, t, spec(t.url));
        if (scenario === 'fixed' && settings.diagnostics) {
          await measure(EQUAL_SHARE, baseline, list(baseline.url, settings.seconds, equalShareRate));
        }
        if (scenario === 'fixed' && burdened) await measure(name, burdened, spec(burdened.url));
      }
      if (scenario === 'fixed' && burdened) await stopTarget(burdened);
    }

    // Production logging: one JSON line per request at info. Count them to show what it writes.
    const appLog = readFileSync(app.stdoutFile, 'utf8');
    const appLogLines = appLog.split('\n').filter(Boolean);
    const logging = {
      level: settings.logLevel,
      lines: appLogLines.length,
      bytes: Buffer.byteLength(appLog),
      sample: appLogLines.find((l) => l.includes('"/v1/tickets"'))?.slice(0, 600) ?? null,
    };

    for (const t of targets) await stopTarget(t);

    const rows: Row[] = [];
    const scenarioOrder = [LIST, FIXED, EQUAL_SHARE, SEARCH, CREATE];
    for (const scenario of scenarioOrder) {
      const reference = series.find((s) => s.scenario === scenario && s.target === baseline.name);
      for (const s of series.filter((x) => x.scenario === scenario)) {
        rows.push(toRow(s, s.target === baseline.name ? undefined : reference));
      }
    }

    // The issue's goals, at the app's main log level: req/s ratios and p99 at half the baseline's rate.
    const row = (scenario: string, target: Target): Row | undefined =>
      rows.find((r) => r.scenario === scenario && r.target === target.name);
    const rpsRatio = (scenario: string): number =>
      (row(scenario, app)?.rpsMedian ?? NaN) / (row(scenario, baseline)?.rpsMedian ?? NaN);
    const goals = [
      { goal: 'list req/s >= 0.80x baseline', value: rpsRatio(LIST), target: 0.8, atLeast: true },
      { goal: 'q= req/s >= 0.90x baseline', value: rpsRatio(SEARCH), target: 0.9, atLeast: true },
      { goal: 'create req/s >= 0.80x baseline', value: rpsRatio(CREATE), target: 0.8, atLeast: true },
      {
        goal: `p99 at ${halfRate} req/s <= 1.25x baseline's p99`,
        value: (row(FIXED, app)?.p99 ?? NaN) / (row(FIXED, baseline)?.p99 ?? NaN),
        target: 1.25,
        atLeast: false,
      },
    ].map((g) => ({ ...g, value: round(g.value, 2), met: g.atLeast ? g.value >= g.target : g.value <= g.target }));

    process.stdout.write('\n');
    process.stdout.write(table(rows) + '\n\n');
    say(`machine: ${cpus().length} cores shared by autocannon, the server under test and PostgreSQL`);
    for (const g of goals) {
      say(
        `goal: ${g.goal}: ${Number.isNaN(g.value) ? 'not measured' : `${g.value.toFixed(2)}x -> ${g.met ? 'MET' : 'NOT MET'}`}`,
      );
    }
    say(
      `app logging at ${logging.level}: ${logging.lines} lines, ${(logging.bytes / 2 ** 20).toFixed(1)} MiB written during the run`,
    );
    process.stdout.write('\nEXPLAIN (ANALYZE, BUFFERS), key lines (application role, tenant transaction, RLS on):\n');
    for (const p of plans) {
      process.stdout.write(`\n-- ${p.label} (${p.organizationTickets} tickets in the org): ${p.executionMs} ms\n`);
      for (const line of p.keyLines) process.stdout.write(`   ${line}\n`);
      for (const index of p.indexes) process.stdout.write(`   index used: ${index}\n`);
    }
    process.stdout.write(
      `\nfull-text index used: ${fullTextIndexUsed ? 'yes' : 'NO'} (${FULL_TEXT_INDEX} in every full-text plan, inside ticket_search_ids)\n`,
    );

    const file = join(ROOT, 'bench', 'results', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          startedAt: started.toISOString(),
          finishedAt: new Date().toISOString(),
          machine: {
            cores: cpus().length,
            cpu: cpus()[0]?.model,
            memoryGiB: round(totalmem() / 2 ** 30),
            node: process.version,
          },
          settings,
          data: {
            organizations: seeded.organizations.length,
            users: seeded.users.length,
            tickets: seeded.tickets,
            sizes: {
              largest: sizes[0],
              median: sizes[Math.floor(sizes.length / 2)],
              smallest: sizes[sizes.length - 1],
            },
            seedSeconds: seeded.seconds,
            fullTextMatches: selectivity,
          },
          equivalence,
          sql: captured,
          goals: { goals, halfRate, baselineMaxRps: baselineMax, fullTextIndexUsed },
          rows,
          series: series.map(({ latencies, ...rest }) => ({ ...rest, ...summarize(latencies) })),
          logging,
          plans,
          profiles,
        },
        null,
        2,
      ),
    );
    say(`results written to bench/results/${file.split('/').pop()}`);
    if (profiles) {
      process.stdout.write(
        '\n' +
          compareProfiles(
            { file: join(profiles, 'app.cpuprofile'), requests: served.get(app) ?? 0 },
            { file: join(profiles, 'baseline.cpuprofile'), requests: served.get(baseline) ?? 0 },
          ),
      );
      say(
        `CPU profiles of the app and the baseline written to ${profiles} ` +
          '(summarize: npx tsx bench/profile-summary.ts <file>)',
      );
    }
  } finally {
    for (const t of targets) await stopTarget(t);
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
