import type { ChildProcess } from 'node:child_process';
import { forkBackground } from '../../worker/fork-background';
import type { DocumentFormat } from '../model/document-format';
import { IndexingError } from '../model/indexing-error';
import type { ChunkedDocument } from './chunker';
import type { ParserInput, ParserOutput } from './parser-process';
import { residentBytes } from './resident-memory';

export interface ParserLimits {
  timeoutMs: number;
  /** Resident memory of the whole parser process (heap, buffers, native memory), in MB. */
  memoryMb: number;
  maxInflatedBytes: number;
}

/** How a parse went, for measurement: the parser process's largest resident size seen. */
export interface ParserStats {
  peakRssBytes: number;
}

/** How often the parent samples the child's resident memory. */
const WATCH_INTERVAL_MS = 20;

function spawnParser(memoryMb: number): ChildProcess {
  // pdf.js warns on stdout about damaged files: nothing for our logs.
  return forkBackground(__dirname, 'parser-process.entry', {
    execArgv: [`--max-old-space-size=${memoryMb}`],
    quiet: true,
  });
}

/**
 * Parses and chunks one document in a child process of its own, so a hostile file can neither
 * block this event loop (BullMQ renews job locks here) nor grow this process. A JS heap limit
 * alone does not bound inflated buffers, so the parent samples the child's resident memory and
 * kills it past `memoryMb` (`too_large`), or past `timeoutMs` (`timeout`). When the child ends,
 * its memory goes back to the system with it.
 */
export function parseInProcess(
  bytes: Buffer,
  format: DocumentFormat,
  limits: ParserLimits,
  onStats?: (stats: ParserStats) => void,
): Promise<ChunkedDocument> {
  const child = spawnParser(limits.memoryMb);
  const limitBytes = limits.memoryMb * 1024 * 1024;
  let peakRssBytes = 0;
  return new Promise<ChunkedDocument>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      clearTimeout(timer);
      child.kill('SIGKILL');
      onStats?.({ peakRssBytes });
      outcome();
    };
    const watch = setInterval(() => {
      const rss = child.pid ? residentBytes(child.pid) : null;
      if (rss === null) return;
      peakRssBytes = Math.max(peakRssBytes, rss);
      if (rss > limitBytes) finish(() => reject(new IndexingError('too_large')));
    }, WATCH_INTERVAL_MS);
    const timer = setTimeout(() => finish(() => reject(new IndexingError('timeout'))), limits.timeoutMs);
    child.once('message', (output: ParserOutput) =>
      finish(() => (output.ok ? resolve(output.document) : reject(new IndexingError(output.code, output.message)))),
    );
    // The V8 heap limit aborts the process (SIGABRT); any other silent end means the file broke the parser.
    child.once('exit', (_code, signal) =>
      finish(() => reject(new IndexingError(signal === 'SIGABRT' ? 'too_large' : 'corrupt_file'))),
    );
    child.once('error', () => finish(() => reject(new IndexingError('corrupt_file'))));
    const input: ParserInput = { bytes, format, maxInflatedBytes: limits.maxInflatedBytes };
    child.send(input);
  });
}
