import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import globalSetup from '../../support/global-setup';
import { OPS_BUILD } from './processes';

/**
 * The test stack as for `npm test`, plus one compiled copy of src/ and the fixtures, so the
 * specs can run real `node` processes with them whatever state dist/ is in.
 */
export default async function opsGlobalSetup(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const outDir = mkdtempSync(join(tmpdir(), 'deskbase-ops-build-'));
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.ops.json'), '--outDir', outDir],
    { cwd: root, encoding: 'utf8' },
  );
  if (tsc.status !== 0) throw new Error(`building for the ops specs failed:\n${tsc.stdout}${tsc.stderr}`);
  symlinkSync(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  process.env[OPS_BUILD] = outDir;
  await globalSetup();
}
