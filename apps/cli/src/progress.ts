/** A progress bar on a terminal; a plain line every few seconds elsewhere (logs, CI). */
export class Progress {
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number, seconds: number, unit = 'events'): void {
    const rate = seconds > 0 ? done / seconds : 0;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const figures = `${done}/${total} ${unit}  ${Math.round(rate)} ${unit}/s  ETA ${eta.toFixed(0)} s`;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.stream.write(
        `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}%  ${figures}\x1b[K`,
      );
    } else if (seconds - this.lastLine >= 2 || done >= total) {
      this.lastLine = seconds;
      this.stream.write(`${this.label}: ${(fraction * 100).toFixed(0)}%  ${figures}\n`);
    }
  }

  done(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
