/**
 * A background pass a worker repeats (reconcilers, sweepers): every `intervalMs`, never two at
 * once, and a pass that throws is reported and does not stop the next one. The timer does not
 * keep the process alive.
 */
export class PeriodicPass {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    /** One pass; resolves to how many things it acted on. */
    private readonly pass: () => Promise<number>,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs a pass now, unless one is under way (then 0). */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.pass();
    } catch (error) {
      this.onFailure(error);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
