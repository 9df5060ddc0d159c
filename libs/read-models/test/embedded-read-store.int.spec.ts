import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore } from '../src';
import { readStoreContract } from './read-store.contract';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'fresh-rs-')), 'read-models.db');

readStoreContract('embedded (SQLite + mingo)', async () => new EmbeddedReadStore(tempFile()));

describe('embedded read store', () => {
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
      _pos: '00000000000000000009',
    });
    expect(await reopened.checkpoint('g1', 'projector')).toBe(9n);
    expect(await reopened.liveGeneration()).toBe('g1');
    await reopened.close();
  });
});
