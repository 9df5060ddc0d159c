/** Who sent the command that recorded an event. */
export interface Actor {
  keyId: string;
  role: string;
}

/** Metadata every event carries (DOMAIN.md). */
export interface EventMetadata {
  eventId: string;
  correlationId: string;
  /** The id of the command that caused the event. */
  causationId: string;
  actor: Actor;
  businessDate: string;
  recordedAt: string;
  /** The command as received: its type, route and when it arrived. */
  command: { type: string; route: string; receivedAt: string };
}

export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Position in the whole log; ordered, not necessarily contiguous. */
  position: bigint;
  /** Hash of this event's content chained to the previous event of its stream. */
  hash: string;
}

/** `no_stream`: the stream must not exist; a number: the revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | number;

export interface AppendResult {
  nextRevision: number;
  events: RecordedEvent[];
}

export interface ReadAllOptions {
  /** Read events strictly after this position; from the start when absent. */
  after?: bigint;
  maxCount: number;
  /** Only events of these types (the others are skipped, not counted); all types when absent. */
  types?: readonly string[];
}

export type EventsHandler = (events: RecordedEvent[]) => Promise<void> | void;

export interface Subscription {
  /** Position of the last event handed to the handler. */
  readonly position: bigint | undefined;
  /** Settles when the subscription stops: resolves on stop(), rejects with the handler's error. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream' | 'unknown',
  ) {
    super(`stream ${streamId}: expected revision ${expected}, found ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StoreUnavailableError extends Error {
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`${store} is unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'StoreUnavailableError';
  }
}

/** The event log: the one source of truth. Every adapter passes the same contract suite. */
export abstract class EventStore {
  /**
   * The store as written, below any decorator that changes what readers see (personal data is
   * opened above the store): what the hash chain covers, for whoever verifies it.
   */
  get stored(): EventStore {
    return this;
  }
  abstract append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /** The stream's events in order; empty when the stream does not exist. */
  abstract readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]>;
  /** A batch of the whole log in position order. */
  abstract readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from a position, then follow new events as they are appended. */
  abstract subscribeToAll(
    options: { after?: bigint; batchSize?: number },
    handler: EventsHandler,
  ): Subscription;
  /** The position of the last event in the log; undefined when the log is empty. */
  abstract headPosition(): Promise<bigint | undefined>;
  /** Whether the store answers now. */
  abstract ping(): Promise<boolean>;
  abstract close(): Promise<void>;
}
