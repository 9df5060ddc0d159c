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
  StoreUnavailableError,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { chainHash, GENESIS } from './hash-chain';
import { toEsdbPosition, toRecorded } from './esdb-events';
import { EsdbSubscription } from './esdb-subscription';

/** A server-side filter matching exactly these event types. */
const typesPattern = (types: readonly string[]) =>
  `^(?:${types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

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
