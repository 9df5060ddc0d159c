import type { EventStore, StoredEvent } from '@fresh/event-store';
import { storedLeafHash } from './leaf';
import { MerkleTree } from './merkle-tree';

export interface LogTreeOptions {
  batchSize?: number;
  /** Each event with its leaf hash and leaf index, as the tree grows. */
  onLeaf?: (event: StoredEvent, leaf: Buffer, index: number) => void;
  /** After each batch: the leaves so far and the last position read. */
  onProgress?: (events: number, position: bigint) => void;
}

/** The Merkle tree of the whole log as stored now, read from the start in log order. */
export async function treeOfLog(
  store: EventStore,
  options: LogTreeOptions = {},
): Promise<MerkleTree> {
  const tree = new MerkleTree();
  let after: bigint | undefined;
  for (;;) {
    // The log as written (personal fields sealed), its stored texts: what the leaves cover.
    const batch = await store.stored.readStoredLog({
      after,
      maxCount: options.batchSize ?? 5_000,
    });
    if (batch.length === 0) return tree;
    for (const event of batch) {
      const leaf = storedLeafHash(event);
      options.onLeaf?.(event, leaf, tree.size);
      tree.append(leaf);
    }
    after = batch[batch.length - 1].position;
    options.onProgress?.(tree.size, after);
    // Let I/O in between batches: a long walk must not starve the rest of the process.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
