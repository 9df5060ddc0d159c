import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, StoreUnavailableError, verifyLog } from '../src';
import { eventStoreContract, newEvent } from './event-store.contract';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'fresh-es-')), 'events.db');

eventStoreContract('SQLite', async () => new SqliteEventStore(tempFile()));

describe('SQLite event store', () => {
  it('waits for another process’s write lock without blocking its own event loop', async () => {
    const file = tempFile();
    const store = new SqliteEventStore(file);
    await store.append('s', [newEvent('A')], 'no_stream');
    const other = new Database(file); // another worker, in the middle of its append
    other.exec('BEGIN IMMEDIATE');
    let appended = false;
    const append = store.append('s', [newEvent('B')], 0).then((result) => {
      appended = true;
      return result;
    });
    // While the lock is held, this process keeps running other work (timers fire) and waits.
    let ticks = 0;
    while (ticks < 20) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      ticks++;
    }
    expect(appended).toBe(false);
    other.exec('COMMIT');
    other.close();
    expect((await append).events.map((e) => [e.type, e.revision])).toEqual([['B', 1]]);
    await store.close();
  });

  it('keeps appended events when reopened', async () => {
    const file = tempFile();
    const store = new SqliteEventStore(file);
    await store.append('s', [newEvent('A'), newEvent('B')], 'no_stream');
    await store.close();
    const reopened = new SqliteEventStore(file);
    expect((await reopened.readStream('s')).map((e) => e.type)).toEqual(['A', 'B']);
    await expect(reopened.append('s', [newEvent('C')], 0)).rejects.toThrow(
      'expected revision 0, found 1',
    );
    await reopened.close();
  });

  it('opens a file that also kept stream heads in a table: drops it and chains on from the events', async () => {
    const file = tempFile();
    const store = new SqliteEventStore(file);
    await store.append('s', [newEvent('A')], 'no_stream');
    await store.close();
    const db = new Database(file);
    db.exec(`CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL,
               hash TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO streams VALUES ('s', 0, 'stale')`);
    db.close();

    const reopened = new SqliteEventStore(file);
    await reopened.append('s', [newEvent('B')], 0);
    expect(await verifyLog(reopened)).toEqual({ intact: true, checked: 2 });
    await reopened.close();
    const check = new Database(file, { readonly: true });
    const tables = check
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all();
    check.close();
    expect(tables).toEqual(['events']);
  });

  it('detects one edited byte of a stored event in the database file', async () => {
    const file = tempFile();
    const store = new SqliteEventStore(file);
    await store.append('sale-S1', [newEvent('SubscriptionSold', { retail: 1234567 })], 'no_stream');
    await store.append(
      'sale-S1',
      [newEvent('DiscountApplied', { discount: 246913, net: 987654 })],
      0,
    );
    await store.append('sale-S2', [newEvent('SubscriptionSold', { retail: 99950 })], 'no_stream');
    expect(await verifyLog(store)).toEqual({ intact: true, checked: 3 });
    await store.close(); // checkpoints the WAL into the main file

    const bytes = readFileSync(file);
    const at = bytes.indexOf('"discount":246913');
    expect(at).toBeGreaterThan(0);
    bytes.write('"discount":146913', at, 'latin1');
    writeFileSync(file, bytes);

    const reopened = new SqliteEventStore(file);
    const [, altered] = await reopened.readStream('sale-S1');
    expect(altered.data).toEqual({ discount: 146913, net: 987654 });
    expect(await verifyLog(reopened)).toEqual({
      intact: false,
      checked: 1,
      firstBrokenAt: {
        position: '2',
        streamId: 'sale-S1',
        revision: 1,
        reason: 'content does not match its hash',
      },
    });
    await reopened.close();
  });

  it('detects an event removed from the middle of a stream', async () => {
    const file = tempFile();
    const store = new SqliteEventStore(file);
    await store.append('partner-P1', [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
    await store.close();
    const db = new Database(file);
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run('partner-P1');
    db.close();
    const reopened = new SqliteEventStore(file);
    const report = await verifyLog(reopened);
    expect(report).toMatchObject({
      intact: false,
      checked: 1,
      firstBrokenAt: { streamId: 'partner-P1', revision: 2 },
    });
    expect(report.firstBrokenAt?.reason).toBe('revision 2 follows 0: an event is missing');
    await reopened.close();
  });

  it('reports the store as unreachable once its file is closed', async () => {
    const store = new SqliteEventStore(tempFile());
    await store.close();
    await expect(store.append('s', [newEvent('A')], 'any')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(store.readStream('s')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.ping()).toBe(false);
  });
});
