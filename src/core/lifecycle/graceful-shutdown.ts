import type { INestApplication } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { TimeoutError, withTimeout } from '../async/with-timeout';
import { ShutdownState } from './shutdown-state';

export interface ShutdownTiming {
  /** How long the process keeps serving, readiness already 503, so the load balancer notices. */
  delayMs: number;
  /** The longest the close may take (in-flight requests, active jobs) before the process exits anyway. */
  timeoutMs: number;
}

/**
 * On SIGTERM or SIGINT: readiness turns 503 at once; the process keeps serving for `delayMs`;
 * then long-lived responses (SSE) are told to finish and Nest closes: the HTTP server stops
 * accepting and waits for in-flight requests, then workers finish their active jobs, then pools
 * and connections close. The process exits 0, at the latest `timeoutMs` after the close began
 * (a job cut off then is retried by another worker once its lock expires).
 */
export function closeOnTerminationSignal(app: INestApplication, timing: ShutdownTiming): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    const shutdown = app.get(ShutdownState);
    shutdown.begin();
    PinoLogger.root.info({ signal, ...timing }, 'process.shutdown_started');
    await sleep(timing.delayMs);
    shutdown.drain();
    const outcome = await withTimeout(app.close(), timing.timeoutMs).then(
      () => 'complete' as const,
      (error: unknown) => {
        if (error instanceof TimeoutError) return 'timed_out' as const;
        throw error;
      },
    );
    PinoLogger.root.info({ outcome }, `process.shutdown_${outcome}`);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void close(signal));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
