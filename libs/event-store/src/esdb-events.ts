import { Position, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { createHash } from 'node:crypto';
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

/**
 * What @kurrent/opentelemetry adds to the metadata of every event it sees appended, when the
 * service traces on EventStoreDB: its span's ids, written after the adapter chained the event.
 */
interface InstrumentationMetadata {
  $traceId?: string;
  $spanId?: string;
}

/**
 * An EventStoreDB event as the port's RecordedEvent. The instrumentation's keys are left out: the
 * hash chain and the notary's leaves cover the metadata the service recorded, nothing else.
 */
export function toRecorded(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event!;
  const stored = event.metadata as unknown as StoredMetadata & InstrumentationMetadata;
  const { schemaVersion, hash, $traceId: _traceId, $spanId: _spanId, ...metadata } = stored;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The EventStoreDB id of an event: its `metadata.eventId`, by which the server recognises an
 * append it already took (a retried append is answered with the first one's result). The server
 * takes only UUIDs; any other id is mapped to one, always the same (sha256, a version-8 UUID).
 */
export function esdbEventId(eventId: string): string {
  if (UUID.test(eventId)) return eventId;
  const h = createHash('sha256').update(eventId).digest('hex');
  const variant = (8 | (parseInt(h[16], 16) & 3)).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
