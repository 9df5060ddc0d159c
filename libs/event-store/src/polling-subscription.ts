import { EventsHandler, ReadAllOptions, RecordedEvent, Subscription } from './event-store.port';

/**
 * A catch-up subscription over `readAll`: reads batches until the end of the log, then sleeps
 * until `wake` says something was appended (or 50 ms pass: appends by other processes, such as
 * the other workers of FRESH_WORKERS, are seen within that).
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private running = true;
  private current: bigint | undefined;
  private wakeUp?: () => void;

  constructor(
    private readonly readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
    private readonly onAppend: (listener: () => void) => () => void,
    after: bigint | undefined,
    private readonly batchSize: number,
    private readonly handler: EventsHandler,
    private readonly pollMs = 50,
  ) {
    this.current = after;
    this.done = this.run();
  }

  get position(): bigint | undefined {
    return this.current;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const batch = await this.readAll({ after: this.current, maxCount: this.batchSize });
      if (!this.running) return;
      if (batch.length > 0) {
        await this.handler(batch);
        this.current = batch[batch.length - 1].position;
        // Let I/O in between batches: a long catch-up must not starve the rest of the process.
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await this.sleep();
      }
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      let unsubscribe = () => {};
      const timer = setTimeout(() => this.wakeUp?.(), this.pollMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        unsubscribe();
        this.wakeUp = undefined;
        resolve();
      };
      unsubscribe = this.onAppend(() => this.wakeUp?.());
    });
  }
}
