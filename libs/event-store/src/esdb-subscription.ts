import {
  excludeSystemEvents,
  KurrentDBClient,
  ResolvedEvent,
  START,
} from '@kurrent/kurrentdb-client';
import {
  EventsHandler,
  RecordedEvent,
  StoreUnavailableError,
  Subscription,
} from './event-store.port';
import { toEsdbPosition, toRecorded } from './esdb-events';

/** What the subscription needs of the store: batches of $all, the head position, its name. */
export interface AllReader {
  readonly name: string;
  readAll(options: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]>;
  headPosition(): Promise<bigint | undefined>;
}

export interface EsdbSubscriptionOptions {
  after: bigint | undefined;
  batchSize: number;
  /** How often a live subscription checks that the server still sends what the log holds. */
  stallCheckMs: number;
  handler: EventsHandler;
}

/** Checks in a row without one event received, while the server had more to send: a dead connection. */
const STALLED_CHECKS = 3;

/**
 * Catch-up by reading $all in batches (system events filtered out), then live by a server-side
 * filtered subscription from the last position. Live events are received while the handler works
 * and handed over together: each handler call takes everything received since the last one (up to
 * the batch size), so a slow projector falls behind by batches, not by one commit per event.
 */
export class EsdbSubscription implements Subscription {
  readonly done: Promise<void>;
  private running = true;
  private current: bigint | undefined;
  private stopLive?: () => void;

  constructor(
    private readonly store: AllReader,
    private readonly client: KurrentDBClient,
    private readonly options: EsdbSubscriptionOptions,
  ) {
    this.current = options.after;
    this.done = this.run();
  }

  get position(): bigint | undefined {
    return this.current;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopLive?.();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { batchSize, handler } = this.options;
    for (;;) {
      if (!this.running) return;
      const batch = await this.store.readAll({ after: this.current, maxCount: batchSize });
      if (batch.length === 0) break;
      await handler(batch);
      this.current = batch[batch.length - 1].position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.running) await this.follow();
  }

  private async follow(): Promise<void> {
    const { batchSize, handler } = this.options;
    const subscription = this.client.subscribeToAll({
      fromPosition: this.current === undefined ? START : toEsdbPosition(this.current),
      filter: excludeSystemEvents(),
    });
    const received = new LiveQueue(this.current);
    let failed: (error: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    failure.catch(() => undefined);
    this.stopLive = () => received.close();
    void this.receive(subscription, received).catch(failed);
    const watchdog = setInterval(
      () => this.check(received).catch(failed),
      this.options.stallCheckMs,
    );
    watchdog.unref();
    try {
      for (;;) {
        await Promise.race([received.nonEmpty(), failure]);
        if (!this.running) return;
        const batch = received.take(batchSize);
        await handler(batch);
        this.current = batch[batch.length - 1].position;
      }
    } finally {
      clearInterval(watchdog);
      received.close();
      // Not awaited: on a dead connection, unsubscribing can wait as long as the subscription did.
      void subscription.unsubscribe().catch(() => undefined);
    }
  }

  /** Reads the server's stream into the queue, pausing while a full batch waits for the handler. */
  private async receive(
    subscription: AsyncIterable<ResolvedEvent>,
    received: LiveQueue,
  ): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    for (;;) {
      await received.room(this.options.batchSize);
      if (received.closed) return;
      received.waitingForServer = true;
      const next = await iterator.next();
      received.waitingForServer = false;
      if (received.closed) return;
      if (next.done) throw this.unavailable('the server ended it');
      const resolved = next.value;
      if (!resolved.event || resolved.event.type.startsWith('$')) continue;
      received.push(toRecorded(resolved));
    }
  }

  /**
   * A live subscription on a connection that died can wait forever. A stall is no progress, not
   * lag: only while the subscription waits on the server, the log holds events after the last one
   * received, and none arrives for three checks in a row, is the connection declared dead. A slow
   * handler is lag: the events wait in the queue and the server is not asked for more meanwhile.
   */
  private async check(received: LiveQueue): Promise<void> {
    const seen = received.lastReceived;
    const head = await this.store.headPosition();
    const stalled =
      received.waitingForServer &&
      seen === received.lastReceived &&
      head !== undefined &&
      (seen === undefined || head > seen);
    received.stalledChecks = stalled ? received.stalledChecks + 1 : 0;
    if (received.stalledChecks >= STALLED_CHECKS)
      throw this.unavailable('no events received while the log grew');
  }

  private unavailable(reason: string): StoreUnavailableError {
    return new StoreUnavailableError(`${this.store.name} (subscription)`, new Error(reason));
  }
}

/** Events received from the server and not yet handed to the handler. */
class LiveQueue {
  private events: RecordedEvent[] = [];
  private wake?: () => void;
  closed = false;
  waitingForServer = false;
  stalledChecks = 0;

  constructor(public lastReceived: bigint | undefined) {}

  push(event: RecordedEvent): void {
    // A subscription from a position may repeat it; what was handled already is skipped.
    if (this.lastReceived !== undefined && event.position <= this.lastReceived) return;
    this.lastReceived = event.position;
    this.events.push(event);
    this.signal();
  }

  take(max: number): RecordedEvent[] {
    const batch = this.events.splice(0, max);
    this.signal();
    return batch;
  }

  close(): void {
    this.closed = true;
    this.signal();
  }

  /** Resolves when there are events to hand over, or the queue is closed. */
  async nonEmpty(): Promise<void> {
    while (!this.closed && this.events.length === 0) await this.changed();
  }

  /** Resolves when fewer than `max` events wait, or the queue is closed. */
  async room(max: number): Promise<void> {
    while (!this.closed && this.events.length >= max) await this.changed();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => {
      const previous = this.wake;
      this.wake = () => {
        previous?.();
        resolve();
      };
    });
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
