import { createHash } from 'node:crypto';
import { chownSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { canReach, type RunAs } from './postgres-system-user';

/** Root-owned home of clusters whose requested folder the postgres user cannot reach. */
const RELOCATED_ROOT = '/var/lib/deskbase';

/** A folder only root may write to, so nobody else can plant or swap files in it. */
function ensureRootOnlyFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o755 });
  const stat = statSync(path);
  if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${path} must belong to root and be writable by root only; fix it or remove it.`);
  }
}

/**
 * The folder the cluster's files really live in, created and owned by `runAs`. Normally the
 * requested one. When the postgres user cannot reach it (as root in a 0700 home), the files go to
 * /var/lib/deskbase/<hash of the requested path> and the requested path becomes a symbolic link
 * to them; a missing link means a fresh start (the data folder was deleted), so the old files
 * there are wiped rather than revived without the credentials that went with them.
 */
export function postgresDataDir(requested: string, runAs: RunAs | undefined): string {
  const path = resolve(requested);
  mkdirSync(dirname(path), { recursive: true });
  const linked = existsSync(path) ? lstatSync(path).isSymbolicLink() : isDanglingLink(path);
  if (!runAs || (!linked && canReach(dirname(path), runAs))) {
    prepare(path, runAs);
    return path;
  }
  if (linked && existsSync(path)) return readlinkSync(path);
  if (linked) rmSync(path);
  else if (existsSync(path)) {
    throw new Error(`The postgres user cannot enter ${dirname(path)}: delete ${path} to start afresh.`);
  }
  ensureRootOnlyFolder(RELOCATED_ROOT);
  const relocated = join(RELOCATED_ROOT, createHash('sha256').update(path).digest('hex').slice(0, 16));
  rmSync(relocated, { recursive: true, force: true });
  prepare(relocated, runAs);
  symlinkSync(relocated, path);
  return relocated;
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function prepare(path: string, runAs: RunAs | undefined): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(path, runAs.uid, runAs.gid);
}
