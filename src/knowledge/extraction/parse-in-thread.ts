import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentFormat } from '../model/document-format';
import type { ChunkedDocument } from './chunker';
import { IndexingError } from '../model/indexing-error';
import type { ParserInput, ParserOutput } from './parser-thread';

export interface ParserThreadLimits {
  timeoutMs: number;
  memoryMb: number;
  maxInflatedBytes: number;
}

// Built code runs the compiled .js entry; from TypeScript sources (tests) the thread compiles its entry with swc.
const SOURCE_EXTENSION = extname(__filename);
const ENTRY = join(__dirname, `parser-thread.entry${SOURCE_EXTENSION}`);
const EXEC_ARGV = SOURCE_EXTENSION === '.ts' ? ['--require', '@swc-node/register'] : [];

/**
 * Parses and chunks a document in a worker thread with a time and memory limit, so a
 * pathological file can neither block the event loop (BullMQ renews job locks there) nor take
 * the process down: it is stopped and fails with `timeout` or `too_large`.
 */
export function parseInThread(
  bytes: Buffer,
  format: DocumentFormat,
  limits: ParserThreadLimits,
): Promise<ChunkedDocument> {
  const input: ParserInput = { bytes, format, maxInflatedBytes: limits.maxInflatedBytes };
  const worker = new Worker(ENTRY, {
    workerData: input,
    execArgv: EXEC_ARGV,
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    stdout: true,
    stderr: true,
  });
  // pdf.js warns on stdout about damaged files: nothing for our logs, but the streams must drain.
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<ChunkedDocument>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new IndexingError('timeout'));
      void worker.terminate();
    }, limits.timeoutMs);
    const settle = (): void => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (output: ParserOutput) => {
      settle();
      if (output.ok) resolve(output.document);
      else reject(new IndexingError(output.code, output.message));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle();
      reject(new IndexingError(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_large' : 'corrupt_file'));
    });
    worker.once('exit', () => {
      settle();
      reject(new IndexingError('corrupt_file'));
    });
  });
}
