import { StoreUnavailableError } from '@fresh/event-store';
import type { AnyBulkWriteOperation, Db, Document, MongoClient } from 'mongodb';
import { MongoBulkWriteError } from 'mongodb';
import { isUnreachable, writeErrorsOf } from './mongo-errors';
import {
  Doc,
  Filter,
  FindOptions,
  Pipeline,
  positionKey,
  ReadOp,
  ReadOpRefusedError,
  ReadStore,
} from './read-store.port';

const LIVE = 'live';
const CHECKPOINTS = 'checkpoints';
const DUPLICATE_KEY = 11000;

/** Indexes each generation's collections need beyond _id. */
const INDEXES: Record<string, Record<string, 1 | -1>[]> = {
  clients: [{ partnerId: 1 }],
};

/**
 * Read models on MongoDB through the official driver: the same filters, updates and pipelines as
 * the embedded engine, passed through. A generation is a set of collections named
 * `<generation>.<collection>`; the live one is named by one document, switched in one update.
 * Changes go in ordered bulk writes; each document keeps the last log position applied (`_pos`),
 * so an event applied twice (after a crash between the writes and the checkpoint) changes nothing.
 * A driver error that means the server cannot be reached becomes StoreUnavailableError (503 to
 * queries, a retry to the projector); a write the server refuses becomes ReadOpRefusedError.
 */
export class MongoReadStore extends ReadStore {
  readonly holdsDocumentsInProcess = false;
  private readonly indexed = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly client?: MongoClient,
  ) {
    super();
  }

  liveGeneration(): Promise<string> {
    return this.guard(() => this.live());
  }

  private async live(): Promise<string> {
    const live = await this.db
      .collection<{ _id: string; generation: string }>(LIVE)
      .findOneAndUpdate(
        { _id: LIVE },
        { $setOnInsert: { generation: 'g1' } },
        { upsert: true, returnDocument: 'after' },
      );
    return live!.generation;
  }

  async switchLive(generation: string): Promise<void> {
    await this.guard(() =>
      this.db
        .collection<{ _id: string }>(LIVE)
        .updateOne({ _id: LIVE }, { $set: { generation } }, { upsert: true }),
    );
  }

  generations(): Promise<string[]> {
    return this.guard(async () => {
      const fromCheckpoints = (await this.db
        .collection(CHECKPOINTS)
        .distinct('generation')) as string[];
      return [...new Set([...fromCheckpoints, await this.live()])].sort();
    });
  }

  dropGeneration(generation: string): Promise<void> {
    return this.guard(() => this.drop(generation));
  }

  private async drop(generation: string): Promise<void> {
    const collections = await this.db
      .listCollections({ name: { $regex: `^${escape(generation)}\\.` } }, { nameOnly: true })
      .toArray();
    for (const { name } of collections) await this.db.collection(name).drop();
    await this.db.collection(CHECKPOINTS).deleteMany({ generation });
    this.indexed.delete(generation);
  }

  async find(
    generation: string,
    collection: string,
    filter: Filter,
    options: FindOptions = {},
  ): Promise<Doc[]> {
    const cursor = this.db.collection<Doc>(`${generation}.${collection}`).find(filter as Document, {
      projection: options.projection,
      sort: options.sort,
      limit: options.limit,
    });
    return this.guard(() => cursor.toArray() as Promise<Doc[]>);
  }

  async aggregate(
    generation: string,
    collection: string,
    pipeline: Pipeline,
  ): Promise<Record<string, unknown>[]> {
    return this.guard(() =>
      this.db
        .collection(`${generation}.${collection}`)
        .aggregate(pipeline as Document[])
        .toArray(),
    );
  }

  async *documents(generation: string, collection: string): AsyncIterable<Doc> {
    const cursor = this.db
      .collection<Doc>(`${generation}.${collection}`)
      .find({}, { sort: { _id: 1 } }) as AsyncIterable<Doc>;
    try {
      yield* cursor;
    } catch (error) {
      throw this.translated(error);
    }
  }

  commit(
    generation: string,
    ops: ReadOp[],
    checkpoint: { name: string; position: bigint },
  ): Promise<void> {
    return this.guard(async () => {
      await this.ensureIndexes(generation);
      for (const [collection, writes] of groupByCollection(ops)) {
        await this.bulkWriteSkippingApplied(`${generation}.${collection}`, writes);
      }
      await this.db
        .collection<{ _id: string }>(CHECKPOINTS)
        .updateOne(
          { _id: `${generation}/${checkpoint.name}` },
          { $set: { generation, name: checkpoint.name, position: checkpoint.position.toString() } },
          { upsert: true },
        );
    });
  }

  checkpoint(generation: string, name: string): Promise<bigint | undefined> {
    return this.guard(async () => {
      const doc = await this.db
        .collection<{ _id: string; position: string }>(CHECKPOINTS)
        .findOne({ _id: `${generation}/${name}` });
      return doc ? BigInt(doc.position) : undefined;
    });
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  /**
   * An ordered bulk write; a duplicate-key error means the upsert found the document already at or
   * past that position (the filter did not match, so it tried to insert): skipped, and the rest go
   * on. Any other write error refuses that op for good (ReadOpRefusedError).
   */
  private async bulkWriteSkippingApplied(
    collection: string,
    writes: { op: ReadOp; write: AnyBulkWriteOperation<Document> }[],
  ): Promise<void> {
    let from = 0;
    while (from < writes.length) {
      try {
        await this.db.collection(collection).bulkWrite(
          writes.slice(from).map((w) => w.write),
          { ordered: true },
        );
        return;
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError) || isUnreachable(error)) throw error;
        const [first] = writeErrorsOf(error);
        if (!first) throw error;
        const op = writes[from + first.index]?.op;
        if (first.code !== DUPLICATE_KEY && op)
          throw new ReadOpRefusedError(
            op,
            `MongoDB refused the update: ${first.errmsg ?? error.message} (code ${first.code})`,
            error,
          );
        from += first.index + 1;
      }
    }
  }

  /** Runs driver calls, turning "cannot reach the server" into StoreUnavailableError. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.translated(error);
    }
  }

  private translated(error: unknown): unknown {
    return isUnreachable(error) ? new StoreUnavailableError('MongoDB read store', error) : error;
  }

  private async ensureIndexes(generation: string): Promise<void> {
    if (this.indexed.has(generation)) return;
    for (const [collection, keys] of Object.entries(INDEXES)) {
      for (const key of keys)
        await this.db.collection(`${generation}.${collection}`).createIndex(key);
    }
    this.indexed.add(generation);
  }
}

/** The bulk write of one op: applied only if the document has not yet seen this position. */
export function toBulkWrite(op: ReadOp): AnyBulkWriteOperation<Document> {
  const position = positionKey(op.position);
  const update = { ...op.update } as Record<string, Record<string, unknown>>;
  update.$set = { ...(update.$set ?? {}), _pos: position };
  return {
    updateOne: {
      filter: {
        _id: op.id,
        $or: [{ _pos: { $exists: false } }, { _pos: { $lt: position } }],
      } as Document,
      update,
      upsert: true,
    },
  };
}

function groupByCollection(
  ops: ReadOp[],
): Map<string, { op: ReadOp; write: AnyBulkWriteOperation<Document> }[]> {
  const groups = new Map<string, { op: ReadOp; write: AnyBulkWriteOperation<Document> }[]>();
  for (const op of ops) {
    const list = groups.get(op.collection) ?? [];
    list.push({ op, write: toBulkWrite(op) });
    groups.set(op.collection, list);
  }
  return groups;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
