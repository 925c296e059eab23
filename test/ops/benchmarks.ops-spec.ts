import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Runs `npm run <script>` as a newcomer would, with the smoke size; resolves with its exit code and output. */
function runBench(script: string, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_SMOKE: '1', NODE_ENV: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

/**
 * Smoke runs of the benchmarks at a tiny size: each builds what it needs, starts its own stack,
 * and prints its results. Nothing here is about speed, only that the benchmarks still run.
 */
describe('the benchmarks run on a checkout', () => {
  it('npm run bench prints its table, the SQL equivalence and the plans', async () => {
    const { code, output } = await runBench('bench');
    expect({ code, tail: code === 0 ? '' : output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(output).toMatch(/\| scenario +\| target +\| rounds/);
    expect(output).toContain('GET /v1/tickets?limit=20&q=<full text>');
    expect(output).toContain('SQL identical: {"list":true,"search":true,"create":true}; JSON identical: true');
    expect(output).toMatch(/full-text index used: yes/);
  }, 300_000);

  it('npm run bench:assistant prints its results', async () => {
    const { code, output } = await runBench('bench:assistant');
    expect({ code, tail: code === 0 ? '' : output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(output).toContain('"timeToFirstDeltaMs"');
  }, 300_000);

  it('npm run bench:semantic prints its results', async () => {
    const { code, output } = await runBench('bench:semantic');
    expect({ code, tail: code === 0 ? '' : output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(output).toMatch(/"recallAt10"/);
    expect(output).toMatch(/"ratio"/);
  }, 300_000);

  it('npm run bench:knowledge prints its results', async () => {
    const { code, output } = await runBench('bench:knowledge', ['2000']);
    expect({ code, tail: code === 0 ? '' : output.slice(-3000) }).toEqual({ code: 0, tail: '' });
    expect(output).toMatch(/"search"/);
  }, 300_000);
});
