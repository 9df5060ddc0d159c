import { EventStore } from '@fresh/event-store';
import { WHAT_IF_EVENT_TYPES, WhatIfRecord } from './what-if-record';

/** Read progress: the log position reached, out of the head position when reading began. */
export type WhatIfProgress = (position: number, head: number) => void;

/** Gives the event loop a turn, so that other requests are answered between pages. */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));

/**
 * Brings a record up to the head of the log as it is now: reads only the event types a scenario
 * needs, after the record's position, page by page, yielding to the event loop between pages (a
 * long read never blocks other requests).
 */
export async function catchUp(
  store: EventStore,
  record: WhatIfRecord,
  onProgress?: WhatIfProgress,
  pageSize = 500,
): Promise<WhatIfRecord> {
  const head = await store.headPosition();
  if (head === undefined || (record.position !== undefined && record.position >= head))
    return record;
  for (;;) {
    const page = await store.readAll({
      after: record.position,
      maxCount: pageSize,
      types: WHAT_IF_EVENT_TYPES,
    });
    let reachedHead = page.length < pageSize;
    for (const event of page) {
      if (event.position > head) {
        reachedHead = true;
        break;
      }
      record.apply(event);
      record.position = event.position;
    }
    if (reachedHead || record.position === head) break;
    onProgress?.(Number(record.position), Number(head));
    await yieldToEventLoop();
  }
  record.position = head;
  onProgress?.(Number(head), Number(head));
  return record;
}

/** The record read from the start of the log. */
export const readWhatIfRecord = (store: EventStore, onProgress?: WhatIfProgress) =>
  catchUp(store, new WhatIfRecord(), onProgress);
