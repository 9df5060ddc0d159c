import { loadNotaryKey } from '@fresh/notary';
import { resolve } from 'node:path';

/**
 * The public key of FRESH_NOTARY_KEY (SPKI DER base64), when set: the checkpoints of a copy are
 * checked against it rather than against the key they carry. The key itself is never copied.
 */
export function notaryPublicKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.FRESH_NOTARY_KEY ? loadNotaryKey(resolve(env.FRESH_NOTARY_KEY)).publicKey : undefined;
}
