import { Position, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { EventMetadata, RecordedEvent } from './event-store.port';

/**
 * $all positions are (commit, prepare) pairs ordered by commit, then prepare. The port's single
 * bigint keeps both exactly: commit × 2^64 + prepare, which orders the same way.
 */
const SHIFT = 64n;
const MASK = (1n << SHIFT) - 1n;
export const toPortPosition = (p: Position): bigint => (p.commit << SHIFT) | p.prepare;
export const toEsdbPosition = (p: bigint): Position => ({ commit: p >> SHIFT, prepare: p & MASK });

/** What the adapter stores as EventStoreDB event metadata: ours, plus the schema version and hash. */
export interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
  hash: string;
}

/** An EventStoreDB event as the port's RecordedEvent. */
export function toRecorded(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event!;
  const { schemaVersion, hash, ...metadata } = event.metadata as unknown as StoredMetadata;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(event.position ?? (resolved.commitPosition! as never)),
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
    hash,
  };
}
