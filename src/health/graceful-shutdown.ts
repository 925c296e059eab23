import type { INestApplication } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ShutdownState } from './shutdown-state';

/**
 * On SIGTERM or SIGINT: readiness turns 503 at once, the process keeps serving for `delayMs`
 * so the load balancer notices, then Nest closes (server, pools, queues) and the process exits 0.
 */
export function closeOnTerminationSignal(app: INestApplication, delayMs: number): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    app.get(ShutdownState).begin();
    PinoLogger.root.info({ signal, delayMs }, 'process.shutdown_started');
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await app.close();
    PinoLogger.root.info('process.shutdown_complete');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void close(signal));
  }
}
