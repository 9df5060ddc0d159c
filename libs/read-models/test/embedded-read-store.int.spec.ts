import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore } from '../src';
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
