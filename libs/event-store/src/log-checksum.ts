import { createHash } from 'node:crypto';
import { EventStore } from './event-store.port';
import { LOG_READ_SIZE, LogWalk, slices } from './verify-log';

/**
 * sha256 over every event's stream, revision and chained hash, in log order: two logs with the
 * same checksum hold the same events, content and metadata alike, in the same order. Gives the
 * event loop a turn every few milliseconds of work, as verifyLog does.
 */
export async function logChecksum(
  store: EventStore,
  walk: LogWalk = {},
): Promise<{ events: number; sha256: string }> {
  const slice = slices(walk.sliceMs);
  const hash = createHash('sha256');
  let events = 0;
  let after: bigint | undefined;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: walk.readSize ?? LOG_READ_SIZE * 5 });
    if (batch.length === 0) return { events, sha256: hash.digest('hex') };
    for (const e of batch) hash.update(`${e.streamId}\n${e.revision}\n${e.hash}\n`);
    events += batch.length;
    after = batch[batch.length - 1].position;
    await slice();
  }
}
