import { nodeHash, splitPoint, SubtreeHashes } from './merkle';

const HASH_BYTES = 32;

/** Hashes of 32 bytes, packed end to end in one growing buffer (a million leaves: 32 MB). */
export class HashList {
  private bytes = Buffer.alloc(HASH_BYTES * 1024);
  length = 0;

  push(hash: Buffer): void {
    if ((this.length + 1) * HASH_BYTES > this.bytes.length) {
      const larger = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(larger);
      this.bytes = larger;
    }
    hash.copy(this.bytes, this.length * HASH_BYTES);
    this.length++;
  }

  get(index: number): Buffer {
    if (index < 0 || index >= this.length) throw new RangeError(`hash ${index} of ${this.length}`);
    return this.bytes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }

  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }
}

/**
 * A Merkle tree kept for proofs: its leaf hashes and the root of every complete subtree aligned
 * on its size (level h holds the subtrees of 2^h leaves), kept as leaves are appended. Any proof
 * then needs those roots and at most log2(n) hashes for the ragged right edge.
 */
export class MerkleTree implements SubtreeHashes {
  private readonly levels: HashList[] = [new HashList()];

  get size(): number {
    return this.levels[0].length;
  }

  leaf(index: number): Buffer {
    return this.levels[0].get(index);
  }

  append(leaf: Buffer): void {
    this.levels[0].push(leaf);
    // Each time a level gains its second of a pair, the pair's parent is complete.
    for (let h = 0; this.levels[h].length % 2 === 0; h++) {
      const level = this.levels[h];
      const parent = nodeHash(level.get(level.length - 2), level.get(level.length - 1));
      (this.levels[h + 1] ??= new HashList()).push(parent);
    }
  }

  /** Keeps only the first `size` leaves (a tree that followed a log which was cut). */
  truncate(size: number): void {
    for (let h = 0; h < this.levels.length; h++) this.levels[h].truncate(Math.floor(size / 2 ** h));
  }

  rangeHash(start: number, end: number): Buffer {
    const n = end - start;
    if (n < 1 || start < 0 || end > this.size) throw new RangeError(`range ${start}..${end}`);
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const h = Math.log2(n);
      return this.levels[h].get(start / n);
    }
    const k = splitPoint(n);
    return nodeHash(this.rangeHash(start, start + k), this.rangeHash(start + k, end));
  }
}
