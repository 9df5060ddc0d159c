import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hash,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * A signed statement of the whole log at one moment: its size and Merkle root (RFC 9162). An
 * auditor keeps it; any later log must extend it (a consistency proof) or it was changed.
 */
export interface Checkpoint {
  treeSize: number;
  /** MTH of the first treeSize events, hex. */
  rootHash: string;
  issuedAt: string;
  /** First 16 hex digits of SHA-256 of the public key (SPKI DER); null when unsigned. */
  keyId: string | null;
  /** Ed25519 over checkpointText, base64; null when the service has no notary key. */
  signature: string | null;
  /** The notary's public key, SPKI DER in base64 (auditors pin it: compare keyId). */
  publicKey: string | null;
}

/** The exact bytes signed: a small text any tool can rebuild. */
export function checkpointText(
  c: Pick<Checkpoint, 'treeSize' | 'rootHash' | 'issuedAt' | 'keyId'>,
) {
  return `fresh-partners checkpoint v1\ntreeSize ${c.treeSize}\nrootHash ${c.rootHash}\nissuedAt ${c.issuedAt}\nkeyId ${c.keyId}\n`;
}

export interface NotaryKey {
  keyId: string;
  privateKey: KeyObject;
  /** SPKI DER, base64. */
  publicKey: string;
}

export const keyIdOf = (spkiDer: Buffer): string => hash('sha256', spkiDer, 'hex').slice(0, 16);

/** Reads a notary key (PKCS#8 PEM, Ed25519) from a file outside the data dir. */
export function loadNotaryKey(file: string): NotaryKey {
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file} is not an Ed25519 private key`);
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { keyId: keyIdOf(der), privateKey, publicKey: der.toString('base64') };
}

/** A new notary key: the private key (PKCS#8 PEM) and the public one (SPKI PEM). */
export function generateNotaryKey(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(der),
  };
}

export function issueCheckpoint(
  treeSize: number,
  rootHash: Buffer,
  issuedAt: Date,
  key: NotaryKey | undefined,
): Checkpoint {
  const body = {
    treeSize,
    rootHash: rootHash.toString('hex'),
    issuedAt: issuedAt.toISOString(),
    keyId: key?.keyId ?? null,
  };
  return {
    ...body,
    signature: key
      ? sign(null, Buffer.from(checkpointText(body)), key.privateKey).toString('base64')
      : null,
    publicKey: key?.publicKey ?? null,
  };
}

export type SignatureCheck = 'valid' | 'invalid' | 'unsigned';

/**
 * Whether a checkpoint is signed by the key it names. `trusted` (SPKI DER base64) is the key the
 * auditor expects; without it, the key the checkpoint carries (which proves only integrity).
 */
export function checkSignature(c: Checkpoint, trusted?: string): SignatureCheck {
  if (!c.signature || !c.keyId) return 'unsigned';
  try {
    const der = Buffer.from(trusted ?? c.publicKey ?? '', 'base64');
    if (keyIdOf(der) !== c.keyId) return 'invalid';
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return verify(null, Buffer.from(checkpointText(c)), key, Buffer.from(c.signature, 'base64'))
      ? 'valid'
      : 'invalid';
  } catch {
    return 'invalid';
  }
}
