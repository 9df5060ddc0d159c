import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A fresh 256-bit data key. */
export const newDataKey = (): Buffer => randomBytes(32);

/**
 * One personal field sealed with its subject's data key: AES-256-GCM, a random 96-bit IV, the
 * value's JSON as plaintext, and `context` (subject and field) as additional authenticated data,
 * so a ciphertext moved to another field or subject does not open. Base64 of IV ‖ tag ‖ ciphertext.
 */
export function sealField(key: Buffer, context: string, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
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
