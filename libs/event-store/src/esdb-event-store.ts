import {
  BACKWARDS,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  EventsHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { chainHash, GENESIS } from './hash-chain';
import { esdbEventId, toEsdbPosition, toRecorded } from './esdb-events';
import { toPortError } from './esdb-errors';
import { EsdbSubscription } from './esdb-subscription';
import { redact } from './redact';
import { inAppendSpan } from './trace-context';

/** A server-side filter matching exactly these event types. */
const typesPattern = (types: readonly string[]) =>
  `^(?:${types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

/**
 * The event log on EventStoreDB 20+ / KurrentDB through the official client. Expected revisions
 * map to the client's stream states; the hash chain is kept per stream exactly as on SQLite.
 */
export class EsdbEventStore extends EventStore {
  private readonly client: KurrentDBClient;
  /** The store as messages name it: its address without user info. */
  readonly name: string;

  constructor(
    connectionString: string,
    private readonly options: { stallCheckMs?: number } = {},
  ) {
    super();
    this.name = `EventStoreDB at ${redact(connectionString)}`;
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return inAppendSpan('kurrentdb', streamId, events.length, expected, () =>
      this.appendNow(streamId, events, expected),
    );
  }

  private appendNow(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.guard(async () => {
      // The chain needs the event the append follows: the one at the expected revision, or for
      // `any` the head (a race with another writer is retried here, as `any` promises).
      for (;;) {
        const tail = await this.tailFor(streamId, expected, events);
        if (tail.written) return tail.written;
        const previous = tail.previous;
        let revision = previous?.revision ?? -1;
        let hash = previous?.hash ?? GENESIS;
        const stored = events.map((event) => {
          revision++;
          hash = chainHash(
            hash,
            streamId,
            revision,
            event.type,
            event.schemaVersion,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
          );
          return jsonEvent({
            id: esdbEventId(event.metadata.eventId),
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: { ...event.metadata, schemaVersion: event.schemaVersion, hash },
          });
        });
        try {
          // Expected revision and event ids go to the server: the same ids appended again at the
          // same revision (a retry whose answer was lost) are answered as the first append was.
          await this.client.appendToStream(streamId, stored, {
            streamState: previous ? BigInt(previous.revision) : NO_STREAM,
          });
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) {
            if (expected === 'any') continue;
            const actual = error.actualState;
            throw new WrongExpectedRevisionError(
              streamId,
              expected,
              typeof actual === 'bigint' ? Number(actual) : 'no_stream',
            );
          }
          throw toPortError(error, this.name, streamId);
        }
        // Positions come from reading back what was written: the append answer gives only the last one.
        const first = (previous?.revision ?? -1) + 1;
        const written = await this.readStream(streamId, first);
        return { nextRevision: first + events.length - 1, events: written.slice(0, events.length) };
      }
    });
  }

  readStream(streamId: string, fromRevision = 0, maxCount?: number): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(streamId, {
          fromRevision: fromRevision === 0 ? START : BigInt(fromRevision),
          direction: FORWARDS,
          ...(maxCount !== undefined && { maxCount }),
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

  readAll({ after, maxCount, types }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      const events: RecordedEvent[] = [];
      // $all reads include the start position; one more is read and the known one skipped.
      for await (const resolved of this.client.readAll({
        fromPosition: after === undefined ? START : toEsdbPosition(after),
        maxCount: maxCount + 1,
        direction: FORWARDS,
        filter: types ? eventTypeFilter({ regex: typesPattern(types) }) : excludeSystemEvents(),
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
    return new EsdbSubscription(this, this.client, {
      after: options.after,
      batchSize: options.batchSize ?? 1_000,
      stallCheckMs: this.options.stallCheckMs ?? 1_000,
      handler,
    });
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

  /**
   * What an append follows: the event at the expected revision (none for no_stream), or the head
   * for `any` — unless the stream already ends with these very events (a retried `any` append,
   * which the server cannot recognise: it is checked against the exact head), then those.
   */
  private async tailFor(
    streamId: string,
    expected: ExpectedRevision,
    events: NewEvent[],
  ): Promise<{ previous?: RecordedEvent; written?: AppendResult }> {
    if (expected === 'no_stream') return {};
    if (typeof expected === 'number') {
      const [previous] = await this.readStream(streamId, expected, 1);
      if (previous?.revision === expected) return { previous };
      const head = (await this.readBackwards(streamId, 1))[0];
      throw new WrongExpectedRevisionError(streamId, expected, head?.revision ?? 'no_stream');
    }
    const last = (await this.readBackwards(streamId, Math.max(events.length, 1))).reverse();
    const ids = events.map((e) => e.metadata.eventId);
    if (
      events.length &&
      last.length === ids.length &&
      last.every((e, i) => e.metadata.eventId === ids[i])
    ) {
      return { written: { nextRevision: last.at(-1)!.revision, events: last } };
    }
    return { previous: last.at(-1) };
  }

  private async readBackwards(streamId: string, maxCount: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount,
      })) {
        events.push(toRecorded(resolved));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toPortError(error, this.name);
    }
  }
}
