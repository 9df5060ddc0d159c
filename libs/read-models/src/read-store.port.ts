/** A read-model document: plain JSON with a string `_id`. */
export type Doc = { _id: string } & Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type Pipeline = Record<string, unknown>[];

/**
 * One change to one document, in MongoDB's update language. The document remembers the last
 * log position applied to it (`_pos`), so applying the same event twice changes nothing.
 */
export interface ReadOp {
  collection: string;
  id: string;
  update: Record<string, unknown>;
  position: bigint;
}

/**
 * A change the read store refused for good (an update that cannot apply, a document too large):
 * not a lost connection, so trying again cannot help. Names the op, so the projector can name the
 * event and the projection.
 */
export class ReadOpRefusedError extends Error {
  constructor(
    readonly op: ReadOp,
    reason: string,
    cause?: unknown,
  ) {
    super(`${op.collection} ${op.id}: ${reason}`, { cause });
    this.name = 'ReadOpRefusedError';
  }
}

/** The changes of a run of events, and the log position they take the read models to. */
export interface ReadBatch {
  ops: ReadOp[];
  position: bigint;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  projection?: Record<string, 0 | 1>;
}

/** `_pos` as a fixed-width decimal string (room for 128-bit positions): compares exactly, as text, in every engine. */
export const positionKey = (position: bigint): string => position.toString().padStart(40, '0');

/**
 * Read models in collections, written and queried in MongoDB's own language, kept in named
 * generations: queries read the live one; a replay fills a new one and switches atomically.
 */
export abstract class ReadStore {
  /**
   * Whether queries run in this process over documents it already holds in memory (the embedded
   * engine): reading every document then costs no I/O, and plain code outruns an interpreted
   * pipeline. Otherwise a query that spans every document is sent to the database as a pipeline,
   * and only its answer comes back.
   */
  abstract readonly holdsDocumentsInProcess: boolean;

  abstract liveGeneration(): Promise<string>;
  /** Makes `generation` the live one, atomically. */
  abstract switchLive(generation: string): Promise<void>;
  abstract generations(): Promise<string[]>;
  abstract dropGeneration(generation: string): Promise<void>;

  abstract find(
    generation: string,
    collection: string,
    filter: Filter,
    options?: FindOptions,
  ): Promise<Doc[]>;
  abstract aggregate(
    generation: string,
    collection: string,
    pipeline: Pipeline,
  ): Promise<Record<string, unknown>[]>;
  /** Every document of a collection in `_id` order, a few at a time (exports, checksums). */
  abstract documents(generation: string, collection: string): AsyncIterable<Doc>;

  /**
   * Applies the ops and moves the checkpoint; on the embedded engine both or neither. Throws
   * StoreUnavailableError when the store cannot be reached (try again later) and
   * ReadOpRefusedError when it refuses an op for good.
   */
  abstract commit(
    generation: string,
    ops: ReadOp[],
    checkpoint: { name: string; position: bigint },
  ): Promise<void>;
  abstract checkpoint(generation: string, name: string): Promise<bigint | undefined>;

  /**
   * Builds a generation from nothing out of batches in log order (a replay), whatever it held
   * before, in the engine's fastest way; nobody reads it meanwhile. The checkpoint `name` ends at
   * the last batch's position. This way commits batch by batch; an engine may do better.
   */
  async build(generation: string, batches: AsyncIterable<ReadBatch>, name: string): Promise<void> {
    await this.dropGeneration(generation);
    for await (const { ops, position } of batches)
      await this.commit(generation, ops, { name, position });
  }
  abstract close(): Promise<void>;

  async findOne(generation: string, collection: string, id: string): Promise<Doc | undefined> {
    return (await this.find(generation, collection, { _id: id }, { limit: 1 }))[0];
  }
}
