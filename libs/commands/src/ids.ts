import { createHash, randomUUID } from 'node:crypto';
import { IdempotencyRecord } from '@fresh/event-store';

/** Where event ids come from: random in the service, seeded in a simulation (for a repeatable log). */
export abstract class Ids {
  abstract next(): string;
}

export class RandomIds extends Ids {
  next(): string {
    return randomUUID();
  }
}

/** The UUID namespace of event ids derived from an Idempotency-Key (a random v4, fixed forever). */
const IDEMPOTENT_EVENTS = Buffer.from('6f1d3c2e8a4b4e0f9c7d5b3a1e2f4c6d', 'hex');

/**
 * The id of the `index`-th event of a command sent with an Idempotency-Key: a UUID v5 (RFC 9562)
 * of the key, the request's fingerprint and the index. The same request retried carries the same
 * ids, so EventStoreDB deduplicates an append retried after a timeout; another request under the
 * same key gets other ids.
 */
export function idempotentEventId(record: IdempotencyRecord, index: number): string {
  const bytes = createHash('sha1')
    .update(IDEMPOTENT_EVENTS)
    .update(`${record.key}\n${record.fingerprint}\n${index}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
