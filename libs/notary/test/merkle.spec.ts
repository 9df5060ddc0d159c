import { createHash } from 'node:crypto';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  treeHead,
  verifyConsistency,
  verifyInclusion,
} from '../src/merkle';
import { MerkleTree } from '../src/merkle-tree';

/*
 * A reference written line by line from RFC 9162 §2.1 (recursive, no caching), independent of
 * the module under test, and the test vectors of Certificate Transparency's reference code.
 */
const sha = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
function MTH(D: Buffer[]): Buffer {
  if (D.length === 0) return sha();
  if (D.length === 1) return sha(Buffer.from([0]), D[0]);
  const s = k(D.length);
  return sha(Buffer.from([1]), MTH(D.slice(0, s)), MTH(D.slice(s)));
}
function PATH(m: number, D: Buffer[]): Buffer[] {
  if (D.length === 1) return [];
  const s = k(D.length);
  return m < s
    ? [...PATH(m, D.slice(0, s)), MTH(D.slice(s))]
    : [...PATH(m - s, D.slice(s)), MTH(D.slice(0, s))];
}
function SUBPROOF(m: number, D: Buffer[], b: boolean): Buffer[] {
  const n = D.length;
  if (m === n) return b ? [] : [MTH(D)];
  const s = k(n);
  return m <= s
    ? [...SUBPROOF(m, D.slice(0, s), b), MTH(D.slice(s))]
    : [...SUBPROOF(m - s, D.slice(s), false), MTH(D.slice(0, s))];
}
const PROOF = (m: number, D: Buffer[]) => (m === 0 || m === D.length ? [] : SUBPROOF(m, D, true));

const VECTOR_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const hex = (list: Buffer[]) => list.map((b) => b.toString('hex'));
const treeOf = (inputs: Buffer[]) => {
  const tree = new MerkleTree();
  for (const input of inputs) tree.append(leafHash(input));
  return tree;
};
const inputs = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`event ${i}`));

describe('RFC 9162 Merkle tree', () => {
  it('gives the roots of the Certificate Transparency test vectors', () => {
    const tree = treeOf(VECTOR_LEAVES);
    expect(VECTOR_ROOTS.map((_, i) => treeHead(tree, i + 1).toString('hex'))).toEqual(VECTOR_ROOTS);
    expect(VECTOR_ROOTS.map((_, i) => MTH(VECTOR_LEAVES.slice(0, i + 1)).toString('hex'))).toEqual(
      VECTOR_ROOTS,
    );
    expect(treeHead(tree, 0).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(EMPTY_ROOT.toString('hex')).toBe(MTH([]).toString('hex'));
  });

  it('gives the known inclusion and consistency proofs of those vectors', () => {
    const tree = treeOf(VECTOR_LEAVES);
    expect(hex(inclusionProof(tree, 0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(consistencyProof(tree, 1, 8))).toEqual(hex(inclusionProof(tree, 0, 8)));
    expect(hex(consistencyProof(tree, 6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(tree, 2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('agrees with the RFC reference on every root, audit path and consistency proof up to 33 leaves', () => {
    const all = inputs(33);
    const tree = treeOf(all);
    for (let n = 1; n <= all.length; n++) {
      const D = all.slice(0, n);
      const root = MTH(D);
      expect(treeHead(tree, n).equals(root)).toBe(true);
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(tree, m, n);
        expect(hex(path)).toEqual(hex(PATH(m, D)));
        expect(verifyInclusion(m, n, leafHash(D[m]), path, root)).toBe(true);
      }
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(tree, m, n);
        expect(hex(proof)).toEqual(hex(PROOF(m, D)));
        if (m > 0) expect(verifyConsistency(m, n, proof, MTH(D.slice(0, m)), root)).toBe(true);
      }
    }
  });

  it('refuses a proof with one byte changed, a wrong index, an index outside the tree or a wrong root', () => {
    const all = inputs(21);
    const tree = treeOf(all);
    const root = treeHead(tree);
    for (let m = 0; m < 21; m++) {
      const path = inclusionProof(tree, m);
      const leaf = leafHash(all[m]);
      for (let i = 0; i < path.length; i++) {
        const bad = path.map((p) => Buffer.from(p));
        bad[i][5] ^= 1;
        expect(verifyInclusion(m, 21, leaf, bad, root)).toBe(false);
      }
      expect(verifyInclusion(m, 21, leafHash(Buffer.from('other')), path, root)).toBe(false);
      expect(verifyInclusion((m + 1) % 21, 21, leaf, path, root)).toBe(false);
      expect(verifyInclusion(m, m, leaf, path, root)).toBe(false);
      expect(verifyInclusion(m, 21, leaf, path.slice(1), root)).toBe(false);
    }
    for (let m = 1; m < 21; m++) {
      const proof = consistencyProof(tree, m);
      const old = treeHead(tree, m);
      for (let i = 0; i < proof.length; i++) {
        const bad = proof.map((p) => Buffer.from(p));
        bad[i][0] ^= 0x80;
        expect(verifyConsistency(m, 21, bad, old, root)).toBe(false);
      }
      expect(verifyConsistency(m, 21, proof, treeHead(tree, m === 1 ? 2 : m - 1), root)).toBe(
        false,
      );
      expect(verifyConsistency(m, 21, proof, old, treeHead(tree, 20))).toBe(false);
    }
  });

  it('keeps answering after being cut back to a smaller tree', () => {
    const all = inputs(13);
    const tree = treeOf(all);
    tree.truncate(6);
    for (const input of all.slice(6, 10)) tree.append(leafHash(input));
    expect(treeHead(tree).equals(MTH(all.slice(0, 10)))).toBe(true);
  });
});
