import { type ChildProcess, fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { extname, join } from 'node:path';

/**
 * Background work runs in a child process when it would hold the worker's event loop (BullMQ
 * renews job locks there) or could grow the worker. Where it shares CPUs with request handling
 * (a dev machine, a node that runs an API replica too) it should take what is left, never what
 * probes and requests need: 10 is the `nice` level of background jobs, and lowering a child's
 * priority needs no privilege.
 */
const BACKGROUND_NICENESS = 10;

// Built code runs the compiled .js entry; from TypeScript sources (tests) the child compiles its entry with swc.
const SOURCE_EXTENSION = extname(__filename);
const LOADER = SOURCE_EXTENSION === '.ts' ? ['--require', '@swc-node/register'] : [];

/**
 * Forks `<directory>/<entryName>.js` (or `.ts` from sources) at background priority, talking
 * over IPC with the advanced serialization (typed arrays and buffers pass as they are).
 */
export function forkBackground(
  directory: string,
  entryName: string,
  options: { execArgv?: string[]; quiet?: boolean } = {},
): ChildProcess {
  const child = fork(join(directory, `${entryName}${SOURCE_EXTENSION}`), [], {
    execArgv: [...LOADER, ...(options.execArgv ?? [])],
    serialization: 'advanced',
    stdio: options.quiet ? ['ignore', 'ignore', 'ignore', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    if (child.pid) setPriority(child.pid, BACKGROUND_NICENESS);
  } catch {
    // Already gone: its 'exit' handler reports why.
  }
  return child;
}
