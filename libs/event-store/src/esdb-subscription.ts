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

/** What the subscription needs of the store: batches of $all and the head position. */
export interface AllReader {
  readAll(options: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]>;
  headPosition(): Promise<bigint | undefined>;
}

/**
 * Catch-up by reading $all in batches (system events filtered out), then live by a server-side
 * filtered subscription from the last position; events are handed over in batches.
 */
export class EsdbSubscription implements Subscription {
  readonly done: Promise<void>;
  private running = true;
  private current: bigint | undefined;
  private live?: { unsubscribe(): Promise<void> };
  private stopLive?: () => void;

  constructor(
    private readonly store: AllReader,
    private readonly client: KurrentDBClient,
    after: bigint | undefined,
    private readonly batchSize: number,
    private readonly handler: EventsHandler,
  ) {
    this.current = after;
    this.done = this.run();
  }

  get position(): bigint | undefined {
    return this.current;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopLive?.();
    void this.live?.unsubscribe().catch(() => undefined);
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    for (;;) {
      if (!this.running) return;
      const batch = await this.store.readAll({ after: this.current, maxCount: this.batchSize });
      if (batch.length === 0) break;
      await this.handler(batch);
      this.current = batch[batch.length - 1].position;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!this.running) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: this.current === undefined ? START : toEsdbPosition(this.current),
      filter: excludeSystemEvents(),
    });
    this.live = subscription;
    const stopped = new Promise<void>((resolve) => (this.stopLive = resolve));
    const watchdog = this.watchdog();
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await Promise.race([
          iterator.next(),
          stopped.then(() => ({ done: true, value: undefined })),
          watchdog.dead,
        ]);
        if (!this.running) return;
        if (next.done)
          throw new StoreUnavailableError(
            'EventStoreDB subscription',
            new Error('the server ended it'),
          );
        const resolved = next.value as ResolvedEvent;
        if (!resolved.event || resolved.event.type.startsWith('$')) continue;
        const event = toRecorded(resolved);
        if (this.current !== undefined && event.position <= this.current) continue;
        await this.handler([event]);
        this.current = event.position;
      }
    } finally {
      watchdog.stop();
      // Not awaited: on a dead connection, unsubscribing can wait as long as the subscription did.
      void subscription.unsubscribe().catch(() => undefined);
    }
  }

  /**
   * A live subscription on a connection that died can wait forever. While the log's head stays
   * ahead of what was delivered for three checks a second apart, it is declared dead.
   */
  private watchdog(): { dead: Promise<never>; stop(): void } {
    let behind = 0;
    let timer: NodeJS.Timeout | undefined;
    const dead = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        this.store.headPosition().then(
          (head) => {
            behind =
              head !== undefined && (this.current === undefined || head > this.current)
                ? behind + 1
                : 0;
            if (behind >= 3)
              reject(
                new StoreUnavailableError(
                  'EventStoreDB subscription',
                  new Error('no events while the log grew'),
                ),
              );
          },
          (error: unknown) => reject(error),
        );
      }, 1_000);
      timer.unref();
    });
    dead.catch(() => undefined);
    return { dead, stop: () => clearInterval(timer) };
  }
}
