import { Injectable } from '@nestjs/common';

/** Called once when the server is about to stop accepting; must not throw. */
export type DrainListener = () => void;

/**
 * The process's shutdown, in two steps. `begin()` (on SIGTERM) turns readiness 503 while
 * everything keeps serving. `drain()` (after SHUTDOWN_DELAY_MS, just before the server closes)
 * tells long-lived responses to finish: an open SSE stream subscribes with `onDrain`, and when
 * called sends its final `error` event (code `service_unavailable`) and ends, so the server's
 * close is not held up by it. Unsubscribe when the stream ends on its own.
 */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;
  private drained = false;
  private readonly listeners = new Set<DrainListener>();

  begin(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Registers `listener` for the drain; returns the function that unsubscribes it. */
  onDrain(listener: DrainListener): () => void {
    if (this.drained) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  drain(): void {
    this.shuttingDown = true;
    this.drained = true;
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }
}
