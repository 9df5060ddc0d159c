import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { READ_MODEL_COLLECTIONS } from './projections/all-projections';
import { ReadStore } from './read-store.port';

/**
 * sha256 over every document of every read model of a generation, in collection and id order.
 * `_pos` is left out: it says when a document was last touched, not what it holds.
 */
export async function generationChecksum(
  reads: ReadStore,
  generation: string,
): Promise<{ documents: number; sha256: string }> {
  const hash = createHash('sha256');
  let documents = 0;
  for (const collection of READ_MODEL_COLLECTIONS) {
    for await (const { _pos: _ignored, ...doc } of reads.documents(generation, collection)) {
      hash.update(`${collection}\n${canonicalJson(doc)}\n`);
      documents++;
    }
  }
  return { documents, sha256: hash.digest('hex') };
}
