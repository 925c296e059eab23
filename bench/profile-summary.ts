/**
 * Where the app's CPU time goes, from a V8 profile written by `node --cpu-prof` (the bench
 * does that with BENCH_PROFILE=1): self time grouped by package (node_modules/<pkg>), the app's
 * own code (dist/), Node internals, GC and idle; inclusive time by package (a sample counts for
 * every package on its stack); and the hottest functions.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function groupOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/dist/')) return 'app code (dist/)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

export function summarizeProfile(
  profile: Profile,
  top = 25,
): {
  groups: Array<[string, number]>;
  inclusive: Array<[string, number]>;
  functions: Array<[string, number]>;
  totalMs: number;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  // Inclusive: a sample counts once for every package on its stack (time spent in it or below it).
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { url, functionName, lineNumber } = node.callFrame;
    const group = groupOf(url, functionName);
    groups.set(group, (groups.get(group) ?? 0) + micros);
    const where = url
      ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && frame.url) onStack.add(groupOf(frame.url, frame.functionName));
    }
    for (const g of onStack) inclusive.set(g, (inclusive.get(g) ?? 0) + micros);
    total += micros;
  }
  const sort = (m: Map<string, number>): Array<[string, number]> =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => [k, v / 1000]);
  return { groups: sort(groups), inclusive: sort(inclusive), functions: sort(functions), totalMs: total / 1000 };
}

/**
 * Self time per request by package, side by side: the app's profile against the baseline's, each
 * divided by the requests its server answered, largest difference first. This is how the gap
 * between the two servers is accounted for piece by piece (`npm run bench` prints it with
 * BENCH_PROFILE=1).
 */
export function compareProfiles(
  app: { file: string; requests: number },
  baseline: { file: string; requests: number },
  top = 25,
): string {
  const perRequest = ({ file, requests }: { file: string; requests: number }): Map<string, number> =>
    new Map(
      summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number.MAX_SAFE_INTEGER)
        .groups.filter(([group]) => group !== '(idle)')
        .map(([group, ms]) => [group, (ms * 1000) / requests]),
    );
  const a = perRequest(app);
  const b = perRequest(baseline);
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((x, y) => x + y, 0);
  const rows = [...new Set([...a.keys(), ...b.keys()])]
    .map((group) => ({ group, app: a.get(group) ?? 0, baseline: b.get(group) ?? 0 }))
    .sort((x, y) => y.app - y.baseline - (x.app - x.baseline))
    .slice(0, top);
  const line = (label: string, x: number, y: number): string =>
    `  ${x.toFixed(0).padStart(6)} ${y.toFixed(0).padStart(9)} ${(x - y).toFixed(0).padStart(6)}  ${label}\n`;
  return (
    `CPU µs per request by package (self time; app ${app.requests} requests, baseline ${baseline.requests}):\n` +
    `     app  baseline   diff\n` +
    line('all (not idle)', sum(a), sum(b)) +
    rows.map((r) => line(r.group, r.app, r.baseline)).join('')
  );
}

if (require.main === module) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  const { groups, inclusive, functions, totalMs } = summarizeProfile(
    JSON.parse(readFileSync(file, 'utf8')) as Profile,
    Number(topArg ?? 25),
  );
  const busy = totalMs - (groups.find(([g]) => g === '(idle)')?.[1] ?? 0);
  process.stdout.write(
    `profile: ${(totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s not idle\n\nself time by package (share of non-idle):\n`,
  );
  for (const [group, ms] of groups) {
    if (group === '(idle)') continue;
    process.stdout.write(
      `  ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${group}\n`,
    );
  }
  process.stdout.write('\ninclusive time by package (on the stack: itself and what it calls; share of non-idle):\n');
  for (const [group, ms] of inclusive) {
    process.stdout.write(
      `  ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${group}\n`,
    );
  }
  process.stdout.write('\nhottest functions (self time):\n');
  for (const [fn, ms] of functions) {
    if (fn.startsWith('(idle)')) continue;
    process.stdout.write(`  ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${fn}\n`);
  }
}
