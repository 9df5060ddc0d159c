import { EventStore } from '@fresh/event-store';
import { WHAT_IF_EVENT_TYPES, WhatIfRecord } from './what-if-record';

/** Read progress: the log position reached, out of the head position when reading began. */
export type WhatIfProgress = (position: number, head: number) => void;

/** Gives the event loop a turn, so that other requests are answered between pages. */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));

/**
 * Reads only the event types a scenario needs, page by page up to the head as it was when reading
 * began, yielding to the event loop between pages (a long read never blocks other requests).
 */
export async function readWhatIfRecord(
  store: EventStore,
  onProgress?: WhatIfProgress,
  pageSize = 2_000,
): Promise<WhatIfRecord> {
  const record = new WhatIfRecord();
  const head = await store.headPosition();
  if (head === undefined) return record;
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize, types: WHAT_IF_EVENT_TYPES });
    let reachedHead = page.length < pageSize;
    for (const event of page) {
      if (event.position > head) {
        reachedHead = true;
        break;
      }
      record.apply(event);
      after = event.position;
    }
    if (reachedHead || after === head) break;
    onProgress?.(Number(after), Number(head));
    await yieldToEventLoop();
  }
  onProgress?.(Number(head), Number(head));
  return record;
}
