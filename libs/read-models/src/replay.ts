import { EventStore } from '@fresh/event-store';
import { generationChecksum } from './checksum';
import { projectBatch } from './project-batch';
import { ALL_PROJECTIONS } from './projections/all-projections';
import { eventTypesOf } from './projections/projection';
import { PROJECTOR_CHECKPOINT } from './projector';
import { asOfGenerationName } from './read-model-queries';
import { ReadBatch, ReadStore } from './read-store.port';

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
  /** Events the read models use, read and projected (the others are not even read). */
  events: number;
  /** The log position the new generation reaches. */
  position: bigint;
  /** Time to rebuild the read models (the checksums are not counted). */
  seconds: number;
  before: { documents: number; sha256: string };
  after: { documents: number; sha256: string };
  switched: boolean;
}

export interface ReplayOptions {
  /** Build the world as of this business date, next to the live generation, instead of a new live one. */
  until?: string;
  /** Events read at a time. */
  batchSize?: number;
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
  const head = (await events.headPosition()) ?? 0n;
  const inWorld = options.until
    ? (e: { type: string; metadata: { businessDate: string } }) =>
        e.type === 'PartnerRegistered' || e.metadata.businessDate <= options.until!
    : undefined;
  const types = eventTypesOf(ALL_PROJECTIONS);

  let count = 0;
  let position: bigint | undefined;
  async function* batches(): AsyncGenerator<ReadBatch> {
    for (;;) {
      const batch = await events.readAll({
        after: position,
        maxCount: options.batchSize ?? 1_000,
        types,
      });
      if (batch.length === 0) return;
      const { ops, failure } = projectBatch(
        inWorld ? batch.filter(inWorld) : batch,
        ALL_PROJECTIONS,
      );
      if (failure) {
        throw new Error(
          `projection "${failure.projection}" failed on ${failure.event.type} at ${failure.event.position}: ${failure.error}`,
        );
      }
      position = batch[batch.length - 1].position;
      count += batch.length;
      yield { ops, position };
      options.onProgress?.({ events: count, position, head, seconds: seconds() });
    }
  }
  await reads.build(generation, batches(), PROJECTOR_CHECKPOINT);
  const rebuilt = seconds();
  const before = await generationChecksum(reads, previous);
  const built = await generationChecksum(reads, generation);
  if (!options.until) await reads.switchLive(generation);
  return {
    generation,
    previous,
    events: count,
    position: position ?? 0n,
    seconds: rebuilt,
    before,
    after: built,
    switched: !options.until,
  };
}
