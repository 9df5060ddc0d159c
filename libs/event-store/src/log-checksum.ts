import { createHash } from 'node:crypto';
import { EventStore } from './event-store.port';
import { yieldToEventLoop } from './verify-log';

/**
 * sha256 over every event's stream, revision and chained hash, in log order: two logs with the
 * same checksum hold the same events, content and metadata alike, in the same order. Reads a
 * slice at a time and gives the event loop a turn between slices.
 */
export async function logChecksum(
  store: EventStore,
  sliceSize = 2_000,
): Promise<{ events: number; sha256: string }> {
  const hash = createHash('sha256');
  let events = 0;
  let after: bigint | undefined;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: sliceSize });
    if (batch.length === 0) return { events, sha256: hash.digest('hex') };
    for (const e of batch) hash.update(`${e.streamId}\n${e.revision}\n${e.hash}\n`);
    events += batch.length;
    after = batch[batch.length - 1].position;
    await yieldToEventLoop();
  }
}
