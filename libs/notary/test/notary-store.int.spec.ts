import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotaryStore } from '../src/notary-store';

describe('the notary store', () => {
  let dir: string;
  let store: NotaryStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notary-store-'));
    store = new NotaryStore(join(dir, 'notary.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a leaf by its log position (positions with gaps, beyond 2^53), and none for a position it does not hold', () => {
    const big = 2n ** 63n;
    const positions = [3n, 7n, 8n, 120n, 121n, 4_000n, big, big + 5n];
    store.appendLeaves(
      positions.map((position, index) => ({
        index,
        position,
        streamId: `s-${index}`,
        revision: 0,
        hash: Buffer.alloc(32, index),
      })),
    );
    positions.forEach((position, index) => expect(store.leafIndexAt(position)).toBe(index));
    for (const absent of [0n, 4n, 119n, 5_000n, big + 1n, big + 6n])
      expect(store.leafIndexAt(absent)).toBeUndefined();
    expect(store.recordedLeaves().get(7)).toEqual(Buffer.alloc(32, 7));
  });

  it('finds nothing in an empty store', () => {
    expect(store.leafIndexAt(1n)).toBeUndefined();
  });
});
