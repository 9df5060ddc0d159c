import { EventStore } from '@fresh/event-store';
import { generationChecksum } from './checksum';
import { projectBatch } from './project-batch';
import { ALL_PROJECTIONS } from './projections/all-projections';
import { PROJECTOR_CHECKPOINT } from './projector';
import { asOfGenerationName } from './read-model-queries';
import { ReadOp, ReadStore } from './read-store.port';

export interface ReplayProgress {
  events: number;
  position: bigint;
  head: bigint;
  seconds: number;
}

export interface ReplayResult {
  generation: string;
  /** The generation that was live before, and what it and the new one hold. */
  previous: string;
  events: number;
  /** Time to rebuild the read models (the checksums are not counted). */
  seconds: number;
  eventsPerSec: number;
  before: { documents: number; sha256: string };
  after: { documents: number; sha256: string };
  switched: boolean;
}

export interface ReplayOptions {
  /** Build the world as of this business date, next to the live generation, instead of a new live one. */
  until?: string;
  /** Events read at a time. */
  batchSize?: number;
  /**
   * Events whose changes are committed together. Larger is faster (each document is copied and
   * written once per commit) and holds more in memory; nobody reads the new generation meanwhile.
   */
  commitEvery?: number;
  onProgress?: (progress: ReplayProgress) => void;
  /** Names the new generation (tests); a time-based name otherwise. */
  generation?: string;
}

/**
 * Rebuilds every read model from the whole log into a new generation while the current one keeps
 * answering, then makes it live in one step. With `until`, builds a read-only generation of the
 * world as of that business date (a partner's registration is not dated: it always counts).
 */
export async function replay(
  events: EventStore,
  reads: ReadStore,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const previous = await reads.liveGeneration();
  const generation = options.until
    ? asOfGenerationName(options.until)
    : (options.generation ?? `g${Date.now().toString(36)}`);
  if (generation === previous) throw new Error(`generation ${generation} is the live one`);
  await reads.dropGeneration(generation);
  const head = (await events.headPosition()) ?? 0n;
  const inWorld = options.until
    ? (e: { type: string; metadata: { businessDate: string } }) =>
        e.type === 'PartnerRegistered' || e.metadata.businessDate <= options.until!
    : () => true;

  let count = 0;
  let after: bigint | undefined;
  let pending: ReadOp[] = [];
  let pendingEvents = 0;
  const commitEvery = options.commitEvery ?? 100_000;
  const flush = async (position: bigint) => {
    await reads.commit(generation, pending, { name: PROJECTOR_CHECKPOINT, position });
    pending = [];
    pendingEvents = 0;
  };
  for (;;) {
    const batch = await events.readAll({ after, maxCount: options.batchSize ?? 10_000 });
    if (batch.length === 0) break;
    const { ops, failure } = projectBatch(batch.filter(inWorld), ALL_PROJECTIONS);
    if (failure) {
      throw new Error(
        `projection "${failure.projection}" failed on ${failure.event.type} at ${failure.event.position}: ${failure.error}`,
      );
    }
    after = batch[batch.length - 1].position;
    for (const op of ops) pending.push(op);
    pendingEvents += batch.length;
    count += batch.length;
    if (pendingEvents >= commitEvery) await flush(after);
    options.onProgress?.({ events: count, position: after, head, seconds: seconds() });
  }
  await flush(after ?? 0n);
  const rebuilt = seconds();
  const before = await generationChecksum(reads, previous);
  const built = await generationChecksum(reads, generation);
  if (!options.until) await reads.switchLive(generation);
  return {
    generation,
    previous,
    events: count,
    seconds: rebuilt,
    eventsPerSec: rebuilt > 0 ? count / rebuilt : 0,
    before,
    after: built,
    switched: !options.until,
  };
}
