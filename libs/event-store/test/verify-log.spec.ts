import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logChecksum, SqliteEventStore, verifyLog } from '../src';
import { newEvent } from './event-store.contract';

/** A log of `streams` × 1 000 events on SQLite, whose reads resolve without waiting for anything. */
async function largeLog(streams: number): Promise<SqliteEventStore> {
  const store = new SqliteEventStore(
    join(mkdtempSync(join(tmpdir(), 'fresh-verify-')), 'events.db'),
  );
  for (let s = 0; s < streams; s++)
    await store.append(
      `s-${s}`,
      Array.from({ length: 1_000 }, () => newEvent('A')),
      'no_stream',
    );
  return store;
}

/** How many turns the event loop takes while `work` runs: 0 when it holds the loop to the end. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ turns: number; result: T }> {
  let finished = false;
  const done = work.then((result) => {
    finished = true;
    return result;
  });
  let turns = 0;
  while (!finished) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!finished) turns++;
  }
  return { turns, result: await done };
}

describe('walking the whole log leaves the event loop free between slices', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = await largeLog(3);
  });
  afterAll(() => store.close());

  it('verifyLog gives the event loop a turn between slices of work, and still checks every event', async () => {
    const { turns, result } = await turnsDuring(verifyLog(store, { readSize: 500, sliceMs: 0 }));
    expect(result).toEqual({ intact: true, checked: 3_000 });
    expect(turns).toBeGreaterThanOrEqual(5); // 6 slices of 500: a turn between each two
  });

  it('logChecksum too, with the same checksum whatever the slice', async () => {
    const { turns, result } = await turnsDuring(logChecksum(store, { readSize: 500, sliceMs: 0 }));
    expect(result.events).toBe(3_000);
    expect(turns).toBeGreaterThanOrEqual(5);
    expect((await logChecksum(store, { readSize: 7 })).sha256).toBe(result.sha256);
  });
});
