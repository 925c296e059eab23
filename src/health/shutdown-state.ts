import { Injectable } from '@nestjs/common';

/** Set when the process starts shutting down, so readiness turns 503 before anything closes. */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;

  begin(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }
}
