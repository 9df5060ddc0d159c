import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AppendResult,
  EventsHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StoredEvent,
  StoreUnavailableError,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { chainHash, GENESIS } from './hash-chain';
import { PollingSubscription } from './polling-subscription';
import { inAppendSpan } from './trace-context';

/** An event row as an array (cheaper than an object per row), in the order of EVENT_COLUMNS. */
type EventRow = [
  position: bigint,
  streamId: string,
  revision: bigint,
  type: string,
  schemaVersion: bigint,
  data: string,
  metadata: string,
  hash: string,
];
const EVENT_COLUMNS = 'position, stream_id, revision, type, schema_version, data, metadata, hash';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position       INTEGER PRIMARY KEY,
    stream_id      TEXT    NOT NULL,
    revision       INTEGER NOT NULL,
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    data           TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
  -- A stream's head is its last event, found through the (stream_id, revision) index. Files
  -- written before kept it in a table of its own too: one more page to write per append.
  DROP TABLE IF EXISTS streams;
`;

/** SQLite errors that mean "the store cannot serve now", not "the command was wrong". */
const UNAVAILABLE =
  /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOMEM|PROTOCOL|NOTADB|CORRUPT)/;

/** How long an append waits for another process's write to end before the store is unavailable. */
const BUSY_TIMEOUT_MS = 5_000;

/** Free space under which the file is taken as full: room for a few appends and a checkpoint. */
const MIN_FREE_BYTES = 1024 * 1024;

export interface SqliteEventStoreOptions {
  /** `full` survives power loss; `normal` (default) survives a killed process. */
  synchronous?: 'normal' | 'full';
}

/** The embedded default: one SQLite file in WAL mode; an acknowledged append is on disk. */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly lockWait: { none: Database.Statement; usual: Database.Statement };
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: NewEvent[], expected: ExpectedRevision) => RecordedEvent[]
  >;

  constructor(
    readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    super();
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.exec(SCHEMA);
    this.lockWait = {
      none: this.db.prepare('PRAGMA busy_timeout = 0'),
      usual: this.db.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`),
    };
    this.statements = prepareStatements(this.db);
    this.appendTransaction = this.db.transaction((streamId, events, expected) =>
      this.write(streamId, events, expected),
    );
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return inAppendSpan('sqlite', streamId, events.length, expected, () =>
      this.appendWaitingForLock(streamId, events, expected),
    );
  }

  private async appendWaitingForLock(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    // Another process (a worker of FRESH_WORKERS) may hold the write lock for a moment: wait for
    // it off the event loop, so this process keeps serving (SQLite's own busy wait sleeps the
    // whole process, 1 ms and more at a time). The last try, after BUSY_TIMEOUT_MS, waits its way.
    const started = Date.now();
    for (let tries = 0; ; tries++) {
      const lastTry = Date.now() - started >= BUSY_TIMEOUT_MS;
      try {
        return this.appendNow(streamId, events, expected, lastTry);
      } catch (error) {
        if (!lastTry && (error as { code?: string }).code === 'SQLITE_BUSY') {
          await new Promise((resolve) =>
            tries < 8 ? setImmediate(resolve) : setTimeout(resolve, 1),
          );
          continue;
        }
        throw this.storeError(error);
      }
    }
  }

  private appendNow(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    waitForLock: boolean,
  ): AppendResult {
    let recorded: RecordedEvent[];
    if (!waitForLock) this.lockWait.none.run();
    try {
      recorded = this.appendTransaction.immediate(streamId, events, expected);
    } catch (error) {
      // Another process won the race for the same revision between our read and our insert.
      if (String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) {
        throw new WrongExpectedRevisionError(streamId, expected, 'unknown');
      }
      throw error;
    } finally {
      if (!waitForLock) this.lockWait.usual.run();
    }
    this.appended.emit('appended');
    return { nextRevision: recorded[recorded.length - 1]?.revision ?? -1, events: recorded };
  }

  private write(streamId: string, events: NewEvent[], expected: ExpectedRevision): RecordedEvent[] {
    const head = this.statements.head.get(streamId);
    const actual = head?.revision ?? 'no_stream';
    if (
      (expected === 'no_stream' && head) ||
      (typeof expected === 'number' && actual !== expected)
    ) {
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    let revision = head?.revision ?? -1;
    let hash = head?.hash ?? GENESIS;
    const recorded = events.map((event): RecordedEvent => {
      revision++;
      const dataJson = JSON.stringify(event.data);
      const metadataJson = JSON.stringify(event.metadata);
      hash = chainHash(
        hash,
        streamId,
        revision,
        event.type,
        event.schemaVersion,
        dataJson,
        metadataJson,
      );
      const { lastInsertRowid } = this.statements.insert.run(
        streamId,
        revision,
        event.type,
        event.schemaVersion,
        dataJson,
        metadataJson,
        hash,
      );
      return { ...event, streamId, revision, position: BigInt(lastInsertRowid), hash };
    });
    return recorded;
  }

  readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return this.guard(() => this.statements.readStream.all(streamId, fromRevision).map(toRecorded));
  }

  readAll({ after, maxCount, types }: ReadAllOptions): Promise<RecordedEvent[]> {
    const parameters = {
      after: after ?? -1n,
      types: types ? JSON.stringify(types) : null,
      maxCount,
    };
    return this.guard(() => this.statements.readAll.all(parameters).map(toRecorded));
  }

  /** The stored rows as they are, no JSON.parse: one indexed range of the primary key. */
  override readStoredLog({ after, maxCount }: { after?: bigint; maxCount: number }) {
    return this.guard(() => this.statements.readStored.all(after ?? -1n, maxCount).map(toStored));
  }

  subscribeToAll(
    options: { after?: bigint; batchSize?: number },
    handler: EventsHandler,
  ): Subscription {
    const onAppend = (listener: () => void) => {
      this.appended.once('appended', listener);
      return () => this.appended.off('appended', listener);
    };
    return new PollingSubscription(
      (o) => this.readAll(o),
      onAppend,
      options.after,
      options.batchSize ?? 1_000,
      handler,
    );
  }

  headPosition(): Promise<bigint | undefined> {
    return this.guard(() => {
      const row = this.statements.headPosition.get();
      return row?.position == null ? undefined : BigInt(row.position);
    });
  }

  async ping(): Promise<boolean> {
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  /** Whether the file system of the log has at least MIN_FREE_BYTES free for this process. */
  override async hasRoom(): Promise<boolean> {
    const space = await statfs(dirname(this.file)).catch(() => undefined);
    return space !== undefined && space.bavail * space.bsize >= MIN_FREE_BYTES;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Runs a synchronous store call as a promise, turning I/O trouble into StoreUnavailableError. */
  private async guard<T>(call: () => T): Promise<T> {
    try {
      return call();
    } catch (error) {
      throw this.storeError(error);
    }
  }

  /** What a failed store call throws: a lost race, or the store unavailable, or the error itself. */
  private storeError(error: unknown): unknown {
    if (error instanceof WrongExpectedRevisionError) return error;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CONSTRAINT'))
      return new WrongExpectedRevisionError('?', 'any', 'no_stream');
    if (UNAVAILABLE.test(code) || !this.db.open)
      return new StoreUnavailableError(`SQLite event store ${this.file}`, error);
    return error;
  }
}

function prepareStatements(db: Database.Database) {
  const statements = {
    headPosition: db.prepare<[], { position: number | bigint | null }>(
      'SELECT max(position) AS position FROM events',
    ),
    head: db.prepare<[string], { revision: number; hash: string }>(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    insert: db.prepare(
      `INSERT INTO events (stream_id, revision, type, schema_version, data, metadata, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    readStream: db.prepare<[string, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
    ),
    readAll: db.prepare<[{ after: bigint; types: string | null; maxCount: number }], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
         WHERE position > @after AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
         ORDER BY position LIMIT @maxCount`,
    ),
    readStored: db.prepare<[bigint, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
  };
  for (const read of [statements.readStream, statements.readAll, statements.readStored])
    read.raw(true).safeIntegers(true);
  statements.headPosition.safeIntegers(true);
  return statements;
}
function toStored(row: EventRow): StoredEvent {
  const [position, streamId, revision, type, schemaVersion, dataJson, metadataJson, hash] = row;
  return {
    position,
    streamId,
    revision: Number(revision),
    type,
    schemaVersion: Number(schemaVersion),
    dataJson,
    metadataJson,
    hash,
  };
}

function toRecorded(row: EventRow): RecordedEvent {
  const [position, streamId, revision, type, schemaVersion, data, metadata, hash] = row;
  return {
    streamId,
    revision: Number(revision),
    position,
    type,
    schemaVersion: Number(schemaVersion),
    data: JSON.parse(data),
    metadata: JSON.parse(metadata),
    hash,
  };
}
