import { EventStore } from './event-store.port';
import { chainHash, GENESIS } from './hash-chain';

export interface LogVerification {
  intact: boolean;
  checked: number;
  firstBrokenAt?: { position: string; streamId: string; revision: number; reason: string };
}

/**
 * Walks the whole log and checks every stream's chain: revisions follow one another and each
 * event's hash covers its content and its predecessor's hash. An altered event breaks its own
 * hash; a removed one breaks the revision sequence. It reads the store as written (`stored`).
 */
export async function verifyLog(store: EventStore, batchSize = 5_000): Promise<LogVerification> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let checked = 0;
  let after: bigint | undefined;
  const stored = store.stored; // the events as written, ciphertext and all, which the hashes cover
  for (;;) {
    const batch = await stored.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) return { intact: true, checked };
    for (const event of batch) {
      const head = heads.get(event.streamId) ?? { revision: -1, hash: GENESIS };
      const broken = (reason: string): LogVerification => ({
        intact: false,
        checked,
        firstBrokenAt: {
          position: event.position.toString(),
          streamId: event.streamId,
          revision: event.revision,
          reason,
        },
      });
      if (event.revision !== head.revision + 1) {
        return broken(`revision ${event.revision} follows ${head.revision}: an event is missing`);
      }
      const hash = chainHash(
        head.hash,
        event.streamId,
        event.revision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
      if (hash !== event.hash) return broken('content does not match its hash');
      heads.set(event.streamId, { revision: event.revision, hash });
      checked++;
    }
    after = batch[batch.length - 1].position;
  }
}
