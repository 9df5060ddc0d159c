import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Checkpoint } from './checkpoint';
import { HashList, MerkleTree } from './merkle-tree';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS leaves (
    leaf_index INTEGER PRIMARY KEY,
    position   TEXT    NOT NULL,
    stream_id  TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    hash       BLOB    NOT NULL
  );
  -- Leaves are added in log order, so positions grow with leaf indexes: a leaf is found by its
  -- position with a binary search over the primary key. Files written before kept an index on
  -- position too: a second B-tree to write per leaf, a third of the cost of keeping the leaves.
  DROP INDEX IF EXISTS leaves_by_position;
  CREATE TABLE IF NOT EXISTS checkpoints (
    tree_size  INTEGER NOT NULL,
    root_hash  TEXT    NOT NULL,
    issued_at  TEXT    NOT NULL,
    key_id     TEXT,
    signature  TEXT,
    public_key TEXT
  );
`;

export interface LeafRow {
  index: number;
  position: bigint;
  streamId: string;
  revision: number;
  hash: Buffer;
}

interface CheckpointRow {
  tree_size: number;
  root_hash: string;
  issued_at: string;
  key_id: string | null;
  signature: string | null;
  public_key: string | null;
}

const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  treeSize: r.tree_size,
  rootHash: r.root_hash,
  issuedAt: r.issued_at,
  keyId: r.key_id,
  signature: r.signature,
  publicKey: r.public_key,
});

/**
 * Log positions are kept as decimal text: EventStoreDB's are unsigned 64-bit (and the stand-in's
 * larger still), beyond SQLite's signed integers.
 *
 * What the notary keeps (notary.db in the data dir, whatever the event store): each leaf's hash
 * with the log position of its event, and the checkpoints it issued. The complete subtree roots
 * are rebuilt in memory from the leaves when it opens (a million leaves: about a second).
 */
export class NotaryStore {
  private readonly db: Database.Database;
  private readonly insertLeaf: Database.Statement;
  private readonly positionAt: Database.Statement<[number], string>;
  private readonly insertLeaves: (rows: LeafRow[]) => void;

  /**
   * `readOnly`: a process that does not keep the notary reads the keeper's file as it is (it must
   * exist, with its tables): it writes nothing, not even the schema.
   */
  constructor(
    readonly file: string,
    options: { readOnly?: boolean } = {},
  ) {
    if (options.readOnly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      this.db.pragma('busy_timeout = 5000');
    } else {
      mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
    }
    this.insertLeaf = this.db.prepare(
      'INSERT INTO leaves (leaf_index, position, stream_id, revision, hash) VALUES (?, ?, ?, ?, ?)',
    );
    this.positionAt = this.db
      .prepare<[number], string>('SELECT position FROM leaves WHERE leaf_index = ?')
      .pluck();
    this.insertLeaves = this.db.transaction((rows: LeafRow[]) => {
      for (const r of rows)
        this.insertLeaf.run(r.index, r.position.toString(), r.streamId, r.revision, r.hash);
    });
  }

  /** The tree of the leaves kept, and the log position of the last one. */
  loadTree(): { tree: MerkleTree; position: bigint | undefined } {
    const tree = new MerkleTree();
    const rows = this.db
      .prepare('SELECT hash FROM leaves ORDER BY leaf_index')
      .pluck()
      .iterate() as IterableIterator<Buffer>;
    for (const hash of rows) tree.append(hash);
    return { tree, position: this.lastPosition() };
  }

  /** The leaf hashes kept, in leaf order (no tree built): what a verify compares leaves with. */
  recordedLeaves(): HashList {
    const leaves = new HashList();
    const rows = this.db
      .prepare('SELECT hash FROM leaves ORDER BY leaf_index')
      .pluck()
      .iterate() as IterableIterator<Buffer>;
    for (const hash of rows) leaves.push(hash);
    return leaves;
  }

  /** Changes whenever another connection (the keeper) has committed to the file since the last call. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Runs `read` in one read transaction: it sees the file as of one commit of the keeper. */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  /** Leaves kept (they are numbered from 0 with no gap). */
  leafCount(): number {
    const last = this.db.prepare('SELECT max(leaf_index) FROM leaves').pluck().get() as
      number | null;
    return last === null ? 0 : last + 1;
  }

  leafHash(index: number): Buffer | undefined {
    return this.db.prepare('SELECT hash FROM leaves WHERE leaf_index = ?').pluck().get(index) as
      Buffer | undefined;
  }

  /** The hashes of the leaves from `index` on, in leaf order. */
  leafHashesFrom(index: number): IterableIterator<Buffer> {
    return this.db
      .prepare('SELECT hash FROM leaves WHERE leaf_index >= ? ORDER BY leaf_index')
      .pluck()
      .iterate(index) as IterableIterator<Buffer>;
  }

  lastPosition(): bigint | undefined {
    const last = this.db
      .prepare('SELECT position FROM leaves ORDER BY leaf_index DESC LIMIT 1')
      .pluck()
      .get() as string | undefined;
    return last === undefined ? undefined : BigInt(last);
  }

  appendLeaves(rows: LeafRow[]): void {
    this.insertLeaves(rows);
  }

  /** The leaf index of the event at a log position; undefined if the notary has not seen it. */
  leafIndexAt(position: bigint): number | undefined {
    const last = this.db.prepare('SELECT max(leaf_index) FROM leaves').pluck().get() as
      number | null;
    let low = 0;
    let high = last ?? -1;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      const at = BigInt(this.positionAt.get(middle)!);
      if (at === position) return middle;
      if (at < position) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Which event a leaf stands for. */
  eventAt(index: number): { streamId: string; revision: number } | undefined {
    const row = this.db
      .prepare('SELECT stream_id, revision FROM leaves WHERE leaf_index = ?')
      .get(index) as { stream_id: string; revision: number } | undefined;
    return row && { streamId: row.stream_id, revision: row.revision };
  }

  recordCheckpoint(c: Checkpoint): void {
    this.db
      .prepare(
        'INSERT INTO checkpoints (tree_size, root_hash, issued_at, key_id, signature, public_key) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(c.treeSize, c.rootHash, c.issuedAt, c.keyId, c.signature, c.publicKey);
  }

  latestCheckpoint(): Checkpoint | undefined {
    const row = this.db.prepare('SELECT * FROM checkpoints ORDER BY rowid DESC LIMIT 1').get() as
      CheckpointRow | undefined;
    return row && toCheckpoint(row);
  }

  close(): void {
    this.db.close();
  }
}
