import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore, positionKey } from '../src';
import { readStoreContract } from './read-store.contract';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'fresh-rs-')), 'read-models.db');
const op = (id: string, update: Record<string, unknown>, position: bigint) => ({
  collection: 'partners',
  id,
  update,
  position,
});

readStoreContract('embedded (SQLite + mingo)', async () => new EmbeddedReadStore(tempFile()));

describe('embedded read store', () => {
  it('commits a batch and its checkpoint together: all or nothing', async () => {
    const store = new EmbeddedReadStore(tempFile());
    await store.commit('g1', [op('P1', { $set: { name: 'Альфа' } }, 1n)], {
      name: 'projector',
      position: 1n,
    });
    const bad = store.commit(
      'g1',
      [op('P1', { $set: { name: 'Бета' } }, 2n), op('P2', { $bogus: { x: 1 } }, 3n)],
      { name: 'projector', position: 3n },
    );
    await expect(bad).rejects.toThrow();
    expect((await store.findOne('g1', 'partners', 'P1'))?.name).toBe('Альфа');
    expect(await store.checkpoint('g1', 'projector')).toBe(1n);
    await store.close();
  });

  it('leaves a generation as it was when its build fails', async () => {
    const store = new EmbeddedReadStore(tempFile());
    await store.commit('g2', [op('P1', { $set: { name: 'Альфа' } }, 1n)], {
      name: 'projector',
      position: 1n,
    });
    async function* batches() {
      yield { ops: [op('P1', { $set: { name: 'Бета' } }, 2n)], position: 2n };
      yield { ops: [op('P2', { $bogus: { x: 1 } }, 3n)], position: 3n };
    }
    await expect(store.build('g2', batches(), 'projector')).rejects.toThrow(
      'unknown update operator $bogus',
    );
    expect(await store.find('g2', 'partners', {})).toEqual([
      { _id: 'P1', name: 'Альфа', _pos: '0000000000000000000000000000000000000001' },
    ]);
    expect(await store.checkpoint('g2', 'projector')).toBe(1n);
    await store.close();
  });

  it('lists every document in id order, across pages', async () => {
    const store = new EmbeddedReadStore(tempFile());
    const ids = Array.from({ length: 2_345 }, (_, i) => `P${String(i).padStart(5, '0')}`);
    async function* batches() {
      yield {
        ops: ids.map((id, i) => op(id, { $set: { n: i } }, BigInt(i + 1))),
        position: 9_999n,
      };
    }
    await store.build('g1', batches(), 'projector');
    const listed: string[] = [];
    for await (const doc of store.documents('g1', 'partners')) listed.push(doc._id);
    expect(listed).toEqual(ids);
    await store.close();
  });

  it('keeps documents and checkpoints in its file across a reopen', async () => {
    const file = tempFile();
    const store = new EmbeddedReadStore(file);
    await store.commit(
      'g1',
      [{ collection: 'partners', id: 'P1', update: { $inc: { n: 5 } }, position: 9n }],
      { name: 'projector', position: 9n },
    );
    await store.switchLive('g1');
    await store.close();
    const reopened = new EmbeddedReadStore(file);
    expect(await reopened.findOne('g1', 'partners', 'P1')).toEqual({
      _id: 'P1',
      n: 5,
      _pos: '0000000000000000000000000000000000000009',
    });
    expect(await reopened.checkpoint('g1', 'projector')).toBe(9n);
    expect(await reopened.liveGeneration()).toBe('g1');
    await reopened.close();
  });
});

describe('embedded read store shared by two processes (FRESH_WORKERS)', () => {
  const checkpoint = (position: bigint) => ({ name: 'projector', position });

  it('shows a reader what the projecting connection committed, loading only what changed', async () => {
    const file = tempFile();
    const projecting = new EmbeddedReadStore(file);
    const reading = new EmbeddedReadStore(file);
    await projecting.commit('g1', [op('P1', { $set: { name: 'Альфа' } }, 1n)], checkpoint(1n));
    expect(await reading.find('g1', 'partners', {})).toMatchObject([{ _id: 'P1', name: 'Альфа' }]);
    const held = (await reading.find('g1', 'partners', { _id: 'P1' }))[0];

    await projecting.commit(
      'g1',
      [op('P2', { $set: { name: 'Бета' } }, 2n), op('P1', { $inc: { sales: 1 } }, 3n)],
      checkpoint(3n),
    );
    await projecting.commit('g1', [op('P3', { $set: { name: 'Гамма' } }, 4n)], checkpoint(4n));
    expect(await reading.find('g1', 'partners', {}, { sort: { _id: 1 } })).toMatchObject([
      { _id: 'P1', name: 'Альфа', sales: 1 },
      { _id: 'P2', name: 'Бета' },
      { _id: 'P3', name: 'Гамма' },
    ]);
    expect(held).toEqual({ _id: 'P1', name: 'Альфа', _pos: positionKey(1n) }); // a copy, not changed under a query
    await Promise.all([projecting.close(), reading.close()]);
  });

  it('forgets a generation another process dropped or rebuilt, and keeps its own writes', async () => {
    const file = tempFile();
    const projecting = new EmbeddedReadStore(file);
    const reading = new EmbeddedReadStore(file);
    await projecting.commit('g1', [op('P1', { $set: { name: 'Альфа' } }, 5n)], checkpoint(5n));
    expect(await reading.find('g1', 'partners', {})).toHaveLength(1);
    async function* rebuilt() {
      yield { ops: [op('P9', { $set: { name: 'Омега' } }, 2n)], position: 2n };
    }
    await projecting.build('g1', rebuilt(), 'projector'); // the generation went back to position 2
    expect(await reading.find('g1', 'partners', {})).toMatchObject([{ _id: 'P9', name: 'Омега' }]);
    await projecting.dropGeneration('g1');
    expect(await reading.find('g1', 'partners', {})).toEqual([]);
    // The reader's own commit is not "another process": it keeps what it wrote without reloading.
    await reading.commit('g2', [op('P1', { $set: { name: 'Свой' } }, 7n)], checkpoint(7n));
    expect(await reading.find('g2', 'partners', {})).toMatchObject([{ _id: 'P1', name: 'Свой' }]);
    expect(await projecting.find('g2', 'partners', {})).toMatchObject([
      { _id: 'P1', name: 'Свой' },
    ]);
    await Promise.all([projecting.close(), reading.close()]);
  });
});
