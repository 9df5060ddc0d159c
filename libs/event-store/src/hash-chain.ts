import { hash } from 'node:crypto';

/** The hash that opens every stream's chain. */
export const GENESIS = '';

/**
 * sha256 over the previous event's hash in the same stream and everything stored of this event
 * but its global position (which the store assigns). `dataJson` and `metadataJson` are the exact
 * JSON texts stored, so verification hashes what is on disk.
 */
export function chainHash(
  prevHash: string,
  streamId: string,
  revision: number,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
): string {
  // One string hashed in one call: the same bytes as hashing the parts in turn, at less cost.
  const head = JSON.stringify([prevHash, streamId, revision, type, schemaVersion]);
  return hash('sha256', `${head}\n${dataJson}\n${metadataJson}`, 'hex');
}
