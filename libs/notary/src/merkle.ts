import { hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 §2.1 (Certificate Transparency v2): leaf = SHA-256(0x00 ‖ input),
 * node = SHA-256(0x01 ‖ left ‖ right); MTH of n > 1 leaves splits at k, the largest power of two
 * below n. Inclusion (§2.1.3) and consistency (§2.1.4) proofs, and their verification.
 */

const LEAF = Buffer.from([0]);

export const sha256 = (bytes: Buffer): Buffer => hash('sha256', bytes, 'buffer') as Buffer;

/** SHA-256 of the empty string: the MTH of an empty tree. */
export const EMPTY_ROOT = sha256(Buffer.alloc(0));

export function leafHash(input: Buffer | string): Buffer {
  // A string is hashed as its UTF-8 bytes after the 0x00 prefix, in one call (no copy).
  if (typeof input === 'string') return hash('sha256', `\u0000${input}`, 'buffer') as Buffer;
  return sha256(Buffer.concat([LEAF, input]));
}

const pair = Buffer.alloc(65);

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  pair[0] = 1;
  left.copy(pair, 1);
  right.copy(pair, 33);
  return sha256(pair);
}

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Where a tree's hashes come from: the hash of the leaves [start, end). A store answers the
 * complete, aligned subtrees from what it keeps and needs to compute only the ragged right edge.
 */
export interface SubtreeHashes {
  readonly size: number;
  rangeHash(start: number, end: number): Buffer;
}

/** The Merkle Tree Hash of the first `size` leaves. */
export function treeHead(tree: SubtreeHashes, size = tree.size): Buffer {
  if (size < 0 || size > tree.size) throw new RangeError(`tree size ${size} of ${tree.size}`);
  return size === 0 ? EMPTY_ROOT : tree.rangeHash(0, size);
}

/** PATH(m, D[start:end]) of RFC 9162 §2.1.3.1: the audit path of leaf m in that range. */
export function inclusionProof(tree: SubtreeHashes, index: number, size = tree.size): Buffer[] {
  if (size > tree.size || index < 0 || index >= size)
    throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path: Buffer[] = [];
  let start = 0;
  let end = size;
  // Walk down from the root, collecting the sibling of each subtree holding the leaf.
  const siblings: Buffer[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index - start < k) {
      siblings.push(tree.rangeHash(start + k, end));
      end = start + k;
    } else {
      siblings.push(tree.rangeHash(start, start + k));
      start += k;
    }
  }
  // The path lists siblings from the leaf upwards.
  for (let i = siblings.length - 1; i >= 0; i--) path.push(siblings[i]);
  return path;
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of m leaves is a prefix of the tree of n. */
export function consistencyProof(tree: SubtreeHashes, m: number, n = tree.size): Buffer[] {
  if (n > tree.size || m < 0 || m > n) throw new RangeError(`no consistency from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const proof: Buffer[] = [];
  // SUBPROOF(m, D[start:end], b), iteratively: nodes are appended in the RFC's order.
  const subproof = (m: number, start: number, end: number, b: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!b) proof.push(tree.rangeHash(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, b);
      proof.push(tree.rangeHash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      proof.push(tree.rangeHash(start, start + k));
    }
  };
  subproof(m, 0, n, true);
  return proof;
}

/** RFC 9162 §2.1.3.2: whether `path` proves leaf `index` (hash `leaf`) in the tree of `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  path: readonly Buffer[],
  root: Buffer,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree (size2, root2) extends (size1, root1). */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Buffer[],
  root1: Buffer,
  root2: Buffer,
): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1)
    return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  let path = [...proof];
  if (isPowerOfTwo(size1)) path = [root1, ...path];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;
