import { StoreUnavailableError } from '@fresh/event-store';
import Database from 'better-sqlite3';
import { aggregate, find } from 'mingo';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Doc,
  Filter,
  FindOptions,
  Pipeline,
  positionKey,
  ReadBatch,
  ReadOp,
  ReadOpRefusedError,
  ReadStore,
} from './read-store.port';
import { updateDocument } from './update-document';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS docs (
    generation TEXT NOT NULL,
    collection TEXT NOT NULL,
    id         TEXT NOT NULL,
    doc        TEXT NOT NULL,
    PRIMARY KEY (generation, collection, id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS checkpoints (
    generation TEXT NOT NULL,
    name       TEXT NOT NULL,
    position   TEXT NOT NULL,
    PRIMARY KEY (generation, name)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS live (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation TEXT NOT NULL
  );
  INSERT OR IGNORE INTO live (id, generation) VALUES (1, 'g1');
`;

type Collection = Map<string, Doc>;

/** Each document's position, indexed, so a process can load just what another one changed. */
const POSITION_INDEX = `
  ALTER TABLE docs ADD COLUMN pos TEXT GENERATED ALWAYS AS (json_extract(doc, '$._pos')) VIRTUAL;
  CREATE INDEX docs_by_position ON docs (generation, collection, pos);
`;

/**
 * The embedded engine: documents kept durably in SQLite (`read-models.db`), held in memory per
 * generation and collection, queried by mingo (MongoDB's query and aggregation language) and
 * changed by `updateDocument` (MongoDB's update operators that projections use).
 *
 * Several processes may share the file (FRESH_WORKERS): one projects, the others read. Before
 * each read, a process asks SQLite whether another connection changed the file (`PRAGMA
 * data_version`, a few microseconds); if so, it loads the documents written past the checkpoint
 * it holds (by their indexed position) and forgets a generation that was dropped or rebuilt.
 */
export class EmbeddedReadStore extends ReadStore {
  readonly holdsDocumentsInProcess = true;
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Collection>();
  /** Per cached collection: the position key of the checkpoint it holds every change up to. */
  private readonly holds = new Map<string, string>();
  private readonly dataVersion: Database.Statement<[], number>;
  private versionSeen?: number;

  constructor(readonly file: string) {
    super();
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('secure_delete = ON'); // a forgotten subject's old values leave no bytes behind
    this.db.exec(SCHEMA);
    const columns = this.db.pragma('table_xinfo(docs)') as { name: string }[];
    if (!columns.some((c) => c.name === 'pos')) this.db.exec(POSITION_INDEX);
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  async liveGeneration(): Promise<string> {
    return this.db
      .prepare<[], { generation: string }>('SELECT generation FROM live WHERE id = 1')
      .get()!.generation;
  }

  async switchLive(generation: string): Promise<void> {
    this.db.prepare('UPDATE live SET generation = ? WHERE id = 1').run(generation);
  }

  async generations(): Promise<string[]> {
    const rows = this.db
      .prepare<[], { generation: string }>(
        'SELECT generation FROM checkpoints UNION SELECT generation FROM live ORDER BY generation',
      )
      .all();
    return rows.map((r) => r.generation);
  }

  async dropGeneration(generation: string): Promise<void> {
    this.db.transaction(() => this.deleteRows(generation))();
    this.evict(generation);
  }

  /** A generation's documents and checkpoints, gone from the file (inside the caller's transaction). */
  private deleteRows(generation: string): void {
    this.db.prepare('DELETE FROM docs WHERE generation = ?').run(generation);
    this.db.prepare('DELETE FROM checkpoints WHERE generation = ?').run(generation);
  }

  async find(
    generation: string,
    collection: string,
    filter: Filter,
    options: FindOptions = {},
  ): Promise<Doc[]> {
    const docs = this.collection(generation, collection);
    if (typeof filter._id === 'string' && Object.keys(filter).length === 1 && !options.projection) {
      const doc = docs.get(filter._id);
      return doc ? [doc] : [];
    }
    const plain = !options.projection && !options.sort && !options.limit;
    if (plain && Object.keys(filter).length === 0) return [...docs.values()];
    let cursor = find<Doc>([...docs.values()], filter, options.projection);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all();
  }

  async aggregate(
    generation: string,
    collection: string,
    pipeline: Pipeline,
  ): Promise<Record<string, unknown>[]> {
    return aggregate([...this.collection(generation, collection).values()], pipeline) as Record<
      string,
      unknown
    >[];
  }

  /**
   * Read from the file a page at a time (what memory holds is always what the file has): flat in
   * memory, and the connection is free between pages for whoever else uses this store.
   */
  async *documents(generation: string, collection: string): AsyncIterable<Doc> {
    const page = this.db.prepare<[string, string, string], { id: string; doc: string }>(
      'SELECT id, doc FROM docs WHERE generation = ? AND collection = ? AND id > ? ORDER BY id LIMIT 1000',
    );
    for (let after = ''; ;) {
      const rows = page.all(generation, collection, after);
      if (rows.length === 0) return;
      for (const { doc } of rows) yield JSON.parse(doc) as Doc;
      after = rows[rows.length - 1].id;
    }
  }

  async commit(
    generation: string,
    ops: ReadOp[],
    checkpoint: { name: string; position: bigint },
  ): Promise<void> {
    this.refresh();
    // Changes are staged aside and reach memory only once the file has them: all or nothing.
    // A document is copied once per batch, the first time the batch touches it; later ops of the
    // same batch change that copy (the copy is the batch's own; queries still hold the old one).
    const staged = new Map<string, { collection: string; doc: Doc }>();
    for (const op of ops) {
      const key = `${op.collection}\n${op.id}`;
      let entry = staged.get(key);
      const current = entry?.doc ?? this.collection(generation, op.collection).get(op.id);
      const position = positionKey(op.position);
      if (current && typeof current._pos === 'string' && current._pos >= position) continue;
      if (!entry) {
        entry = {
          collection: op.collection,
          doc: current ? structuredClone(current) : { _id: op.id },
        };
        staged.set(key, entry);
      }
      applyOp(entry.doc, op);
      entry.doc._pos = position;
    }
    this.sqlite(() =>
      this.db.transaction(() => {
        const upsert = this.db.prepare(
          'INSERT OR REPLACE INTO docs (generation, collection, id, doc) VALUES (?, ?, ?, ?)',
        );
        for (const { collection, doc } of staged.values())
          upsert.run(generation, collection, doc._id, JSON.stringify(doc));
        this.db
          .prepare(
            'INSERT OR REPLACE INTO checkpoints (generation, name, position) VALUES (?, ?, ?)',
          )
          .run(generation, checkpoint.name, checkpoint.position.toString());
      })(),
    );
    for (const { collection, doc } of staged.values())
      this.collection(generation, collection).set(doc._id, doc);
    // This connection's own writes do not change its data_version: what it holds is current.
    const mark = positionKey(checkpoint.position);
    for (const key of this.holds.keys())
      if (key.startsWith(`${generation}\n`) && this.holds.get(key)! < mark)
        this.holds.set(key, mark);
  }

  /**
   * Applies every batch in memory to documents nobody else holds (an op applies only to a document
   * that has not seen its position, as in `commit()` and on MongoDB), then writes the generation and
   * its checkpoint in one transaction (after a failure the generation is as it was), and lets
   * the documents go.
   */
  override async build(
    generation: string,
    batches: AsyncIterable<ReadBatch>,
    name: string,
  ): Promise<void> {
    const built = new Map<string, Collection>();
    let position: bigint | undefined;
    for await (const batch of batches) {
      for (const op of batch.ops) {
        let docs = built.get(op.collection);
        if (!docs) built.set(op.collection, (docs = new Map()));
        let doc = docs.get(op.id);
        if (!doc) docs.set(op.id, (doc = { _id: op.id }));
        else if ((doc._pos as bigint) >= op.position) continue; // the rule commit() keeps
        applyOp(doc, op);
        doc._pos = op.position; // made a key once, when written
      }
      position = batch.position;
    }
    this.db.transaction(() => {
      this.deleteRows(generation);
      const insert = this.db.prepare(
        'INSERT INTO docs (generation, collection, id, doc) VALUES (?, ?, ?, ?)',
      );
      // In key order, the B-tree only grows at its end: three times faster than in Map order.
      for (const [collection, docs] of built)
        for (const id of [...docs.keys()].sort()) {
          const doc = docs.get(id)!;
          doc._pos = positionKey(doc._pos as bigint);
          insert.run(generation, collection, id, JSON.stringify(doc));
        }
      if (position !== undefined)
        this.db
          .prepare('INSERT INTO checkpoints (generation, name, position) VALUES (?, ?, ?)')
          .run(generation, name, position.toString());
    })();
    this.evict(generation); // readers load it from the file when they first ask
  }

  async checkpoint(generation: string, name: string): Promise<bigint | undefined> {
    const row = this.db
      .prepare<[string, string], { position: string }>(
        'SELECT position FROM checkpoints WHERE generation = ? AND name = ?',
      )
      .get(generation, name);
    return row ? BigInt(row.position) : undefined;
  }

  /** Forgets what memory holds of a generation, so the next read loads it from the file. */
  evict(generation: string): void {
    for (const key of [...this.cache.keys()])
      if (key.startsWith(`${generation}\n`)) this.forget(key);
  }

  private forget(key: string): void {
    this.cache.delete(key);
    this.holds.delete(key);
  }

  /** Each generation's checkpoint, as a position key (the greatest, when it has several). */
  private marks(): Map<string, string> {
    const marks = new Map<string, string>();
    const rows = this.db
      .prepare<[], { generation: string; position: string }>(
        'SELECT generation, position FROM checkpoints',
      )
      .all();
    for (const { generation, position } of rows) {
      const mark = positionKey(BigInt(position));
      if (!(marks.get(generation)! >= mark)) marks.set(generation, mark);
    }
    return marks;
  }

  /**
   * Another process changed the file since the last look: load what was written past each cached
   * collection's checkpoint, in one read transaction (one snapshot); forget a collection whose
   * generation is gone or went back (dropped, or rebuilt by a replay).
   */
  private refresh(): void {
    const version = this.dataVersion.get()!;
    if (version === this.versionSeen) return;
    this.versionSeen = version;
    if (this.cache.size === 0) return;
    const since = this.db.prepare<[string, string, string], { id: string; doc: string }>(
      'SELECT id, doc FROM docs WHERE generation = ? AND collection = ? AND pos > ?',
    );
    this.sqlite(() =>
      this.db.transaction(() => {
        const marks = this.marks();
        for (const [key, docs] of [...this.cache]) {
          const [generation, collection] = key.split('\n');
          const mark = marks.get(generation);
          const held = this.holds.get(key);
          if (mark === undefined || held === undefined || mark < held) this.forget(key);
          else if (mark > held) {
            for (const row of since.all(generation, collection, held))
              docs.set(row.id, JSON.parse(row.doc) as Doc);
            this.holds.set(key, mark);
          }
        }
      })(),
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Runs SQLite work; a failure of the file (busy, full, I/O) is the store being unavailable. */
  private sqlite<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_'))
        throw new StoreUnavailableError(`embedded read store ${this.file}`, error);
      throw error;
    }
  }

  private collection(generation: string, collection: string): Collection {
    this.refresh();
    const key = `${generation}\n${collection}`;
    let docs = this.cache.get(key);
    if (!docs) {
      const loaded: Collection = (docs = new Map());
      this.db.transaction(() => {
        const mark = this.marks().get(generation);
        const rows = this.db
          .prepare<[string, string], { id: string; doc: string }>(
            'SELECT id, doc FROM docs WHERE generation = ? AND collection = ?',
          )
          .all(generation, collection);
        for (const row of rows) loaded.set(row.id, JSON.parse(row.doc));
        if (mark !== undefined) this.holds.set(key, mark);
      })();
      this.cache.set(key, docs);
    }
    return docs;
  }
}

/** Applies one op; an update that cannot apply is refused for good, naming the op. */
function applyOp(doc: Doc, op: ReadOp): void {
  try {
    updateDocument(doc, op.update);
  } catch (error) {
    throw new ReadOpRefusedError(op, error instanceof Error ? error.message : String(error), error);
  }
}
