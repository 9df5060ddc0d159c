/**
 * RFC 9162 §2.1 in the browser, with WebCrypto's SHA-256: an event's leaf hash from its stored
 * content, and an inclusion proof checked against a checkpoint's root — the same definitions as
 * libs/notary and tools/verify-proof.mjs, so the console needs to trust no hash the server gives.
 */
const utf8 = new TextEncoder();

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

export const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const fromHex = (hex: string) =>
  new Uint8Array(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);

/** An event as stored (the log as written): what its leaf covers. */
export interface StoredEvent {
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  hash: string;
}

/** SHA-256(0x00 ‖ leaf input); the leaf input: [stream, revision, type, schema, hash], data, metadata on three lines. */
export function leafHash(e: StoredEvent): Promise<Uint8Array> {
  const head = JSON.stringify([e.streamId, e.revision, e.type, e.schemaVersion, e.hash]);
  const input = `${head}\n${JSON.stringify(e.data)}\n${JSON.stringify(e.metadata)}`;
  return sha256(new Uint8Array([0]), utf8.encode(input));
}

const node = (left: Uint8Array, right: Uint8Array) => sha256(new Uint8Array([1]), left, right);

/** RFC 9162 §2.1.3.2: whether `auditPath` leads from the leaf at `leafIndex` to `rootHash`. */
export async function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  auditPath: string[],
  rootHash: string,
): Promise<boolean> {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const hex of auditPath) {
    const p = fromHex(hex);
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === rootHash;
}
