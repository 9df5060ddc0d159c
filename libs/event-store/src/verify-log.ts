import { EventStore } from './event-store.port';
import { chainHash, GENESIS } from './hash-chain';

export interface LogVerification {
  intact: boolean;
  checked: number;
  firstBrokenAt?: { position: string; streamId: string; revision: number; reason: string };
}

/** How the whole log is walked: events read at a time, and the work done between two turns of the event loop. */
export interface LogWalk {
  /** Events per read: small, so that one read and its checks take a fraction of `sliceMs`. */
  readSize?: number;
  /** Milliseconds of work after which the walk gives the event loop a turn; 0: after every read. */
  sliceMs?: number;
  /** After each read: the events checked so far and the last position read. */
  onProgress?: (events: number, position: bigint) => void;
}
export const LOG_READ_SIZE = 100;
export const LOG_SLICE_MS = 2;

/**
 * Gives the event loop a turn (timers, sockets: a `/health` waiting to be answered). A store that
 * reads synchronously (SQLite) resolves at once, as a microtask, and would never let it in:
 * whatever walks the whole log calls this between slices.
 */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));

/** A function to call after each read: it gives the event loop a turn once `sliceMs` of work have passed. */
export function slices(sliceMs = LOG_SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await yieldToEventLoop();
    since = performance.now();
  };
}

/**
 * Walks the whole log and checks every stream's chain: revisions follow one another and each
 * event's hash covers its content and its predecessor's hash. An altered event breaks its own
 * hash; a removed one breaks the revision sequence. It reads a few events at a time and gives the
 * event loop a turn every few milliseconds of work, so the service keeps answering meanwhile. It
 * reads the store as written (`stored`).
 */
export async function verifyLog(store: EventStore, walk: LogWalk = {}): Promise<LogVerification> {
  const slice = slices(walk.sliceMs);
  const heads = new Map<string, { revision: number; hash: string }>();
  let checked = 0;
  let after: bigint | undefined;
  const stored = store.stored; // the events as written, ciphertext and all, which the hashes cover
  for (;;) {
    // The stored JSON texts, which the hashes cover: no parse and stringify per event.
    const batch = await stored.readStoredLog({ after, maxCount: walk.readSize ?? LOG_READ_SIZE });
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
        event.dataJson,
        event.metadataJson,
      );
      if (hash !== event.hash) return broken('content does not match its hash');
      heads.set(event.streamId, { revision: event.revision, hash });
      checked++;
    }
    after = batch[batch.length - 1].position;
    walk.onProgress?.(checked, after);
    await slice();
  }
}
