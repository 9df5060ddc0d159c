import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  Position,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  EventMetadata,
  EventsHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StoreUnavailableError,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { chainHash, GENESIS } from './hash-chain';

/**
 * $all positions are (commit, prepare) pairs ordered by commit, then prepare. The port's single
 * bigint keeps both exactly: commit × 2^64 + prepare, which orders the same way.
 */
const SHIFT = 64n;
const MASK = (1n << SHIFT) - 1n;
export const toPortPosition = (p: Position): bigint => (p.commit << SHIFT) | p.prepare;
export const toEsdbPosition = (p: bigint): Position => ({ commit: p >> SHIFT, prepare: p & MASK });

/** What the adapter stores as EventStoreDB event metadata: ours, plus the schema version and hash. */
interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
  hash: string;
}

const UNAVAILABLE_CODES = new Set([4, 14]); // DEADLINE_EXCEEDED, UNAVAILABLE

function isUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; type?: string; name?: string };
  return (
    (typeof e?.code === 'number' && UNAVAILABLE_CODES.has(e.code)) ||
    e?.type === 'unavailable' ||
    e?.name === 'UnavailableError' ||
    e?.type === 'deadline-exceeded'
  );
}

/**
 * The event log on EventStoreDB 20+ / KurrentDB through the official client. Expected revisions
 * map to the client's stream states; the hash chain is kept per stream exactly as on SQLite.
 */
export class EsdbEventStore extends EventStore {
  private readonly client: KurrentDBClient;

  constructor(readonly connectionString: string) {
    super();
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.guard(async () => {
      // The chain needs the stream's head: we append at exactly the head we read. For `any`, a
      // race with another writer is retried here, as `any` promises the caller.
      for (;;) {
        const head = await this.head(streamId);
        const actual = head?.revision ?? 'no_stream';
        if (
          (expected === 'no_stream' && head) ||
          (typeof expected === 'number' && actual !== expected)
        ) {
          throw new WrongExpectedRevisionError(streamId, expected, actual);
        }
        let revision = head?.revision ?? -1;
        let hash = head?.hash ?? GENESIS;
        const stored = events.map((event) => {
          revision++;
          const dataJson = JSON.stringify(event.data);
          hash = chainHash(
            hash,
            streamId,
            revision,
            event.type,
            event.schemaVersion,
            dataJson,
            JSON.stringify(event.metadata),
          );
          return { event, revision, hash };
        });
        try {
          await this.client.appendToStream(
            streamId,
            stored.map(({ event, hash: eventHash }) =>
              jsonEvent({
                id: event.metadata.eventId,
                type: event.type,
                data: event.data as Record<string, unknown>,
                metadata: {
                  ...event.metadata,
                  schemaVersion: event.schemaVersion,
                  hash: eventHash,
                },
              }),
            ),
            { streamState: head ? BigInt(head.revision) : NO_STREAM },
          );
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) {
            if (expected === 'any') continue;
            throw new WrongExpectedRevisionError(streamId, expected, 'unknown');
          }
          throw error;
        }
        // Positions come from reading back what was written: the append answer gives only the last one.
        const written = await this.readStream(streamId, stored[0]?.revision ?? 0);
        return { nextRevision: revision, events: written.slice(0, stored.length) };
      }
    });
  }

  readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(streamId, {
          fromRevision: fromRevision === 0 ? START : BigInt(fromRevision),
          direction: FORWARDS,
        })) {
          events.push(toRecorded(resolved));
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    });
  }

  readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      const events: RecordedEvent[] = [];
      // $all reads include the start position; one more is read and the known one skipped.
      for await (const resolved of this.client.readAll({
        fromPosition: after === undefined ? START : toEsdbPosition(after),
        maxCount: maxCount + 1,
        direction: FORWARDS,
        filter: excludeSystemEvents(),
      })) {
        if (!resolved.event || resolved.event.type.startsWith('$')) continue;
        const event = toRecorded(resolved);
        if (after !== undefined && event.position <= after) continue;
        events.push(event);
        if (events.length === maxCount) break;
      }
      return events;
    });
  }

  subscribeToAll(
    options: { after?: bigint; batchSize?: number },
    handler: EventsHandler,
  ): Subscription {
    return new EsdbSubscription(
      this,
      this.client,
      options.after,
      options.batchSize ?? 1_000,
      handler,
    );
  }

  headPosition(): Promise<bigint | undefined> {
    return this.guard(async () => {
      for await (const resolved of this.client.readAll({
        fromPosition: END,
        direction: BACKWARDS,
        maxCount: 1,
        filter: excludeSystemEvents(),
      })) {
        if (resolved.event) return toRecorded(resolved).position;
      }
      return undefined;
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.headPosition();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async head(streamId: string): Promise<{ revision: number; hash: string } | undefined> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        const event = toRecorded(resolved);
        return { revision: event.revision, hash: event.hash };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isUnavailable(error))
        throw new StoreUnavailableError(`EventStoreDB at ${this.connectionString}`, error);
      throw error;
    }
  }
}

function toRecorded(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event!;
  const { schemaVersion, hash, ...metadata } = event.metadata as unknown as StoredMetadata;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(event.position ?? (resolved.commitPosition! as never)),
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
    hash,
  };
}

/**
 * Catch-up by reading $all in batches (system events filtered out), then live by a server-side
 * filtered subscription from the last position; events are handed over in batches.
 */
class EsdbSubscription implements Subscription {
  readonly done: Promise<void>;
  private running = true;
  private current: bigint | undefined;
  private live?: { unsubscribe(): Promise<void> };
  private stopLive?: () => void;

  constructor(
    private readonly store: EsdbEventStore,
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
