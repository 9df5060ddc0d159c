import type { RecordedEvent } from '@fresh/event-store';
import { leafHash } from './merkle';

/** What a leaf covers: everything stored of an event (its content and its chain hash). */
export type LeafEvent = Pick<
  RecordedEvent,
  'streamId' | 'revision' | 'type' | 'schemaVersion' | 'data' | 'metadata' | 'hash'
>;

/**
 * The leaf input of an event, UTF-8: a JSON array of its stream, revision, type, schema version
 * and chain hash, then its data JSON and its metadata JSON, on three lines. The JSON texts are
 * the ones the store keeps (JSON.stringify of what it reads), as the hash chain uses them.
 * tools/verify-proof.mjs computes the same bytes from a saved event.
 */
export function leafInput(event: LeafEvent): string {
  const head = JSON.stringify([
    event.streamId,
    event.revision,
    event.type,
    event.schemaVersion,
    event.hash,
  ]);
  return `${head}\n${JSON.stringify(event.data)}\n${JSON.stringify(event.metadata)}`;
}

export const eventLeafHash = (event: LeafEvent): Buffer => leafHash(leafInput(event));
