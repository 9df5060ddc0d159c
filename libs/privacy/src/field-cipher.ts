import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where keys, key ids and IVs come from: the system's CSPRNG, unless a simulation asks otherwise. */
export type Randomness = (bytes: number) => Buffer;
export const systemRandomness: Randomness = (bytes) => randomBytes(bytes);

/**
 * Bytes derived from a seed (sha256 of the seed and a counter): unique per call, so IVs never
 * repeat, and the same seed gives the same bytes. Only for simulated logs, which must come out
 * the same to the byte for the same options: anyone who knows the seed can open them.
 */
export function seededRandomness(seed: string): Randomness {
  let counter = 0;
  return (bytes) => {
    const out = Buffer.alloc(bytes);
    for (let filled = 0; filled < bytes; filled += 32)
      createHash('sha256').update(`${seed}\n${counter++}`).digest().copy(out, filled);
    return out;
  };
}

/** A fresh 256-bit data key. */
export const newDataKey = (random: Randomness = systemRandomness): Buffer => random(32);

/**
 * One personal field sealed with its subject's data key: AES-256-GCM, a random 96-bit IV, the
 * value's JSON as plaintext, and `context` (subject and field) as additional authenticated data,
 * so a ciphertext moved to another field or subject does not open. Base64 of IV ‖ tag ‖ ciphertext.
 */
export function sealField(
  key: Buffer,
  context: string,
  value: unknown,
  random: Randomness = systemRandomness,
): string {
  const iv = random(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The value sealed by `sealField`; throws when the key, the context or the bytes are wrong. */
export function openField(key: Buffer, context: string, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES))
    .setAAD(Buffer.from(context))
    .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const text = Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
  return JSON.parse(text);
}
