import { redact } from './redact';

/** Who sent the command that recorded an event. */
export interface Actor {
  keyId: string;
  role: string;
  /** The key's name when the command was sent (recorded since the audit work; absent before). */
  name?: string;
}

/**
 * The Idempotency-Key of the command that recorded an event, kept with the event so that the
 * key and the events are recorded in one atomic step.
 */
export interface IdempotencyRecord {
  /** sha256 of the API key id and the Idempotency-Key (a key is scoped to the API key). */
  key: string;
  /** sha256 of the request (method, URL, canonical body): the same key with another is refused. */
  fingerprint: string;
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
  /** Present when the command came with an Idempotency-Key. */
  idempotency?: IdempotencyRecord;
  /**
   * The W3C trace context the event was recorded under, when the service was tracing
   * (OpenTelemetry): whoever handles the event later joins that trace.
   */
  traceparent?: string;
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

/**
 * An event as the store keeps it: its data and metadata as the stored JSON texts, unparsed. What
 * the hash chain and the notary's leaves cover, read without a parse and a stringify per event.
 */
export interface StoredEvent {
  position: bigint;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  /** The JSON text stored (JSON.stringify of the event's data when it was appended). */
  dataJson: string;
  metadataJson: string;
  hash: string;
}

/** The stored form of an event read as objects: the JSON texts the store wrote for it. */
export const storedForm = (event: RecordedEvent): StoredEvent => ({
  position: event.position,
  streamId: event.streamId,
  revision: event.revision,
  type: event.type,
  schemaVersion: event.schemaVersion,
  dataJson: JSON.stringify(event.data),
  metadataJson: JSON.stringify(event.metadata),
  hash: event.hash,
});

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

/**
 * The store does not answer, or cannot take a write now: 503. `retryAfterSeconds` is set when the
 * store says so soon (a cluster electing its leader). Messages never hold user info (redacted).
 */
export class StoreUnavailableError extends Error {
  readonly store: string;
  readonly retryAfterSeconds?: number;

  constructor(
    store: string,
    cause: unknown,
    options: { retryAfterSeconds?: number; message?: string } = {},
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(redact(options.message ?? `${store} is unreachable: ${reason}`), { cause });
    this.name = 'StoreUnavailableError';
    this.store = redact(store);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The store answers but refuses the service's user: a setting to fix, not a moment to wait. */
export class StoreAccessDeniedError extends StoreUnavailableError {
  constructor(store: string, cause: unknown) {
    super(store, cause, {
      message: `${store} refuses access to the service's user: it must be allowed to read $all and write every stream, e.g. a member of $admins or $ops on a secure server`,
    });
    this.name = 'StoreAccessDeniedError';
  }
}

/** The events one command records are larger than the store takes in one append. */
export class EventTooLargeError extends Error {
  constructor(
    readonly streamId: string,
    readonly maxAppendBytes: number,
  ) {
    super(
      `the events for stream ${streamId} are larger than the event store takes in one append (${maxAppendBytes} bytes)`,
    );
    this.name = 'EventTooLargeError';
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
  /**
   * A batch of the whole log in position order as stored (JSON texts, not parsed): for whoever
   * hashes the log (verify, the notary). By default the events read, stringified again (the
   * same texts: the store wrote JSON.stringify of them); a store that keeps text hands it over.
   */
  async readStoredLog(options: { after?: bigint; maxCount: number }): Promise<StoredEvent[]> {
    return (await this.readAll(options)).map(storedForm);
  }
  /** Catch up from a position, then follow new events as they are appended. */
  abstract subscribeToAll(
    options: { after?: bigint; batchSize?: number },
    handler: EventsHandler,
  ): Subscription;
  /** The position of the last event in the log; undefined when the log is empty. */
  abstract headPosition(): Promise<bigint | undefined>;
  /** Whether the store answers now. */
  abstract ping(): Promise<boolean>;
  /**
   * Whether the store has room to record events. A server (EventStoreDB) looks after its own
   * disk and answers a write it cannot take with an error, so by default: yes.
   */
  async hasRoom(): Promise<boolean> {
    return true;
  }
  abstract close(): Promise<void>;
}
