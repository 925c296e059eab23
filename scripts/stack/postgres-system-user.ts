import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** The system account PostgreSQL runs as when we are root (it refuses to run as root itself). */
export interface RunAs {
  uid: number;
  gid: number;
}

const idOf = (flag: '-u' | '-g'): number | undefined => {
  const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
};

/** Undefined when not root; as root, the `postgres` system user (created on first use, as distributions do). */
export function postgresRunAs(): RunAs | undefined {
  if (userInfo().uid !== 0) return undefined;
  if (idOf('-u') === undefined) {
    spawnSync('groupadd', ['--system', 'postgres']);
    spawnSync('useradd', [
      '--system',
      '--gid',
      'postgres',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
  }
  const uid = idOf('-u');
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'PostgreSQL cannot run as root and there is no `postgres` system user: create one (useradd --system postgres) or run as a normal user.',
    );
  }
  return { uid, gid };
}

/** Whether `runAs` can reach `path` (every parent searchable, and `path` itself executable or enterable). */
export function canReach(path: string, runAs: RunAs | undefined): boolean {
  if (!runAs) return true;
  return spawnSync('test', ['-x', path], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}
