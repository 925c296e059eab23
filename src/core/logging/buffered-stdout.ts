/**
 * pino's destination: the lines of one turn of the event loop leave in one `process.stdout.write`
 * (synchronous for files and pipes on Linux), after the turn, instead of one system call per
 * line inside the request. Still process.stdout, so every line of the process shares one stream.
 * What is pending is written at once when it grows large, on `flush()` and at exit.
 */
export class BufferedStdout {
  private pending: string[] = [];
  private pendingBytes = 0;
  private scheduled = false;

  constructor(private readonly maxPendingBytes = 64 * 1024) {
    process.once('exit', () => this.flush());
  }

  write(line: string): boolean {
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= this.maxPendingBytes) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return true;
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    process.stdout.write(text);
  }
}
