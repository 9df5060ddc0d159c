import Database from 'better-sqlite3';

/** An event's position, type and data as stored (JSON text): what a reader of facts needs. */
export type EventDataRow = [position: number, type: string, data: string];

/**
 * Reads the events of some types from a SQLite log file, opened read-only, as stored rows: no
 * metadata, no hash, nothing parsed. For a reader that owns its thread (a worker) and needs facts
 * only; it sees what the log's writer has committed (WAL), and never writes.
 */
export class SqliteEventData {
  private readonly db: Database.Database;
  private readonly after: Database.Statement<[number, string], EventDataRow>;
  private readonly head: Database.Statement<[], { position: number | null }>;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    this.after = this.db
      .prepare<[number, string], EventDataRow>(
        `SELECT position, type, data FROM events
           WHERE position > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position`,
      )
      .raw(true);
    this.head = this.db.prepare('SELECT max(position) AS position FROM events');
  }

  headPosition(): number | undefined {
    return this.head.get()?.position ?? undefined;
  }

  /** The rows of these types after `position`, in log order, up to `until` (the head when read). */
  *rowsAfter(position: number, types: readonly string[], until: number): Iterable<EventDataRow> {
    for (const row of this.after.iterate(position, JSON.stringify(types))) {
      if (row[0] > until) return;
      yield row;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
