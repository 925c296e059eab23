/**
 * `npm run openapi:lint [file]`: Spectral over the OpenAPI document with the repository's
 * .spectral.yaml, held to two bars: Spectral's own OpenAPI rules with no error and no warning,
 * the OWASP API Security rules with no error (their warnings are listed, not fatal).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

interface SpectralResult {
  code: string | number;
  message: string;
  path: string[];
  severity: number; // 0 error, 1 warning, 2 info, 3 hint
}

const file = process.argv[2] ?? 'openapi.json';
const root = resolve(__dirname, '..');
const spectral = spawnSync(
  process.execPath,
  [require.resolve('@stoplight/spectral-cli/dist/index.js'), 'lint', file, '--format', 'json', '--quiet'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let results: SpectralResult[];
try {
  results = JSON.parse(spectral.stdout) as SpectralResult[];
} catch {
  process.stderr.write(`spectral did not answer in JSON:\n${spectral.stdout}${spectral.stderr}\n`);
  process.exit(1);
}

const isOwasp = (result: SpectralResult): boolean => String(result.code).startsWith('owasp:');
const count = (subset: SpectralResult[], severity: number): number =>
  subset.filter((result) => result.severity === severity).length;
const oas = results.filter((result) => !isOwasp(result));
const owasp = results.filter(isOwasp);
const fatal = [...oas.filter((result) => result.severity <= 1), ...owasp.filter((result) => result.severity === 0)];

for (const result of fatal) {
  const level = result.severity === 0 ? 'error' : 'warning';
  process.stdout.write(`${level} ${result.code} at ${result.path.join('.')}: ${result.message}\n`);
}
process.stdout.write(`spectral:oas: ${count(oas, 0)} errors, ${count(oas, 1)} warnings (allowed: 0, 0)\n`);
process.stdout.write(`OWASP API Security: ${count(owasp, 0)} errors, ${count(owasp, 1)} warnings (allowed: 0, any)\n`);
process.exit(fatal.length === 0 ? 0 : 1);
