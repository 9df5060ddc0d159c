import type { RecordedEvent, StoredEvent } from '@fresh/event-store';
import { leafHash } from './merkle';

/** What a leaf covers: everything stored of an event (its content and its chain hash). */
export type StoredLeaf = Pick<
  StoredEvent,
  'streamId' | 'revision' | 'type' | 'schemaVersion' | 'dataJson' | 'metadataJson' | 'hash'
>;

/** The same, of an event read as objects (as the API shows it). */
export type LeafEvent = Pick<
  RecordedEvent,
  'streamId' | 'revision' | 'type' | 'schemaVersion' | 'data' | 'metadata' | 'hash'
>;

/**
 * The leaf input of an event, UTF-8: a JSON array of its stream, revision, type, schema version
 * and chain hash, then its data JSON and its metadata JSON, on three lines. The JSON texts are
 * the ones the store keeps (JSON.stringify of the event when it was appended), as the hash chain
 * uses them. tools/verify-proof.mjs computes the same bytes from a saved event.
 */
export function storedLeafInput(event: StoredLeaf): string {
  const head = JSON.stringify([
    event.streamId,
    event.revision,
    event.type,
    event.schemaVersion,
    event.hash,
  ]);
  return `${head}\n${event.dataJson}\n${event.metadataJson}`;
}

/** The leaf input of an event read as objects: of the JSON texts the store wrote for it. */
export const leafInput = (event: LeafEvent): string =>
  storedLeafInput({
    ...event,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
  });

export const storedLeafHash = (event: StoredLeaf): Buffer => leafHash(storedLeafInput(event));

export const eventLeafHash = (event: LeafEvent): Buffer => leafHash(leafInput(event));
