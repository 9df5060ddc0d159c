/** A progress bar on a terminal; a plain line every few seconds elsewhere (logs, CI). */
export class Progress {
  private lastLine = 0;
  private total = 0;
  private complete = false;

  constructor(
    private readonly label: string,
    private readonly unit = 'events',
    private readonly stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
  ) {}

  update(done: number, total: number, seconds: number): void {
    this.total = total;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    this.complete = fraction === 1;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const percent = `${Math.floor(fraction * 100)}%`;
    const figures = `${done}/${total} ${this.unit}  ${Math.round(rate)} ${this.unit}/s  ETA ${eta.toFixed(0)} s`;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.floor(fraction * width);
      this.stream.write(
        `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}  ${figures}\x1b[K`,
      );
    } else if (seconds - this.lastLine >= 2 || this.complete) {
      this.lastLine = seconds;
      this.stream.write(`${this.label}: ${percent}  ${figures}\n`);
    }
  }

  /**
   * The work is over: the bar shows 100 % (`done` of `done` when the run ended early, as a
   * simulation capped by --events does; otherwise the last total seen).
   */
  finish(seconds: number, done = this.total): void {
    if (!this.complete || done !== this.total) this.update(done, done, seconds);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
