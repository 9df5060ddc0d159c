#!/usr/bin/env node
// A standalone verifier for auditors who do not trust the server: Node built-ins only, no
// project code. It checks a checkpoint's Ed25519 signature, an RFC 9162 inclusion proof of an
// event and an RFC 9162 consistency proof between two checkpoints, from files saved from the API.
// Exit code 0: verified; 1: a check failed; 2: wrong usage or unreadable file.
//
//   node tools/verify-proof.mjs checkpoint  CHECKPOINT.json                       [--key notary.pub.pem]
//   node tools/verify-proof.mjs inclusion   PROOF.json --checkpoint CHECKPOINT.json [--key notary.pub.pem]
//   node tools/verify-proof.mjs consistency PROOF.json --old OLD.json --new NEW.json [--key notary.pub.pem]
//
// See docs/auditors.md.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { parseArgs } from 'node:util';

const USAGE = `usage:
  node tools/verify-proof.mjs checkpoint  CHECKPOINT.json [--key notary.pub.pem]
  node tools/verify-proof.mjs inclusion   PROOF.json --checkpoint CHECKPOINT.json [--key notary.pub.pem]
  node tools/verify-proof.mjs consistency PROOF.json --old OLD.json --new NEW.json [--key notary.pub.pem]
  PROOF.json: the answer of GET /api/v1/audit/proofs/inclusion or /proofs/consistency, saved as is.
  --key: the notary's public key (PEM) you were given; without it, the key the checkpoint carries.`;

class Usage extends Error {}
class Failed extends Error {}

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
// RFC 9162 §2.1.1: leaf = SHA-256(0x00 || input); node = SHA-256(0x01 || left || right).
const leafHash = (input) => sha256(Buffer.from([0]), input);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const hex = (text, what) => {
  if (typeof text !== 'string' || !/^[0-9a-f]{64}$/.test(text))
    throw new Failed(`${what} is not a SHA-256 hash in hex`);
  return Buffer.from(text, 'hex');
};
const size = (value, what) => {
  if (!Number.isSafeInteger(value) || value < 0) throw new Failed(`${what} is not a tree size`);
  return value;
};

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Usage(`cannot read ${file}: ${error.message}`);
  }
}

/** The exact text the notary signs (docs/auditors.md). */
const checkpointText = (c) =>
  `fresh-partners checkpoint v1\ntreeSize ${c.treeSize}\nrootHash ${c.rootHash}\nissuedAt ${c.issuedAt}\nkeyId ${c.keyId}\n`;

function checkCheckpoint(c, keyFile, what = 'the checkpoint') {
  size(c.treeSize, `${what}'s treeSize`);
  hex(c.rootHash, `${what}'s rootHash`);
  if (!c.signature || !c.keyId) throw new Failed(`${what} is not signed`);
  let key;
  try {
    key = keyFile
      ? createPublicKey(readFileSync(keyFile))
      : createPublicKey({
          key: Buffer.from(c.publicKey ?? '', 'base64'),
          format: 'der',
          type: 'spki',
        });
  } catch (error) {
    throw new Usage(`cannot read the public key: ${error.message}`);
  }
  const der = key.export({ type: 'spki', format: 'der' });
  const keyId = sha256(der).toString('hex').slice(0, 16);
  if (keyId !== c.keyId) throw new Failed(`${what} names key ${c.keyId}, not ${keyId}`);
  if (!verify(null, Buffer.from(checkpointText(c)), key, Buffer.from(c.signature, 'base64')))
    throw new Failed(`${what}'s signature does not match its content`);
  return keyFile ? `key ${keyId} (${keyFile})` : `the key it carries, ${keyId} (pin it with --key)`;
}

/** The leaf input of an event: [streamId, revision, type, schemaVersion, hash], data, metadata. */
function leafInputOf(e) {
  const head = JSON.stringify([e.streamId, e.revision, e.type, e.schemaVersion, e.hash]);
  return Buffer.from(`${head}\n${JSON.stringify(e.data)}\n${JSON.stringify(e.metadata)}`, 'utf8');
}

// RFC 9162 §2.1.3.2.
function verifyInclusion(index, treeSize, leaf, path, root) {
  if (index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

// RFC 9162 §2.1.4.2.
function verifyConsistency(first, second, proof, firstRoot, secondRoot) {
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0 || first > second) return first === 0 && proof.length === 0;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
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
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

const hashes = (list, what) => {
  if (!Array.isArray(list)) throw new Failed(`${what} is not a list of hashes`);
  return list.map((h, i) => hex(h, `${what}[${i}]`));
};

function run(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      checkpoint: { type: 'string' },
      old: { type: 'string' },
      new: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return USAGE;
  const [what, file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new Usage('name what to check and one file');
  const saved = readJson(file);
  if (what === 'checkpoint') {
    const by = checkCheckpoint(saved, values.key);
    return `OK checkpoint: ${saved.treeSize} events, root ${saved.rootHash}, issued ${saved.issuedAt}, signed by ${by}`;
  }
  if (what === 'inclusion') {
    if (!values.checkpoint) throw new Usage('inclusion needs --checkpoint CHECKPOINT.json');
    const checkpoint = readJson(values.checkpoint);
    const by = checkCheckpoint(checkpoint, values.key);
    const event = saved.event;
    if (!event || typeof event !== 'object') throw new Failed('the proof holds no event');
    const leaf = leafHash(leafInputOf(event));
    if (saved.leafHash !== undefined && saved.leafHash !== leaf.toString('hex'))
      throw new Failed('the event does not hash to the leaf hash the proof names');
    if (saved.treeSize !== checkpoint.treeSize)
      throw new Failed(
        `the proof is to a tree of ${saved.treeSize} events, the checkpoint has ${checkpoint.treeSize}`,
      );
    const index = size(saved.leafIndex, 'leafIndex');
    const path = hashes(saved.auditPath, 'auditPath');
    if (
      !verifyInclusion(index, checkpoint.treeSize, leaf, path, hex(checkpoint.rootHash, 'rootHash'))
    )
      throw new Failed('the audit path does not lead from the event to the checkpoint’s root');
    return `OK inclusion: ${event.type} ${event.streamId}@${event.revision} is leaf ${index} of the ${checkpoint.treeSize} events of the checkpoint signed by ${by}`;
  }
  if (what === 'consistency') {
    if (!values.old || !values.new)
      throw new Usage('consistency needs --old OLD.json and --new NEW.json');
    const older = readJson(values.old);
    const newer = readJson(values.new);
    const byOld = checkCheckpoint(older, values.key, 'the old checkpoint');
    checkCheckpoint(newer, values.key, 'the new checkpoint');
    if (saved.from !== older.treeSize || saved.to !== newer.treeSize)
      throw new Failed(
        `the proof goes from ${saved.from} to ${saved.to}, the checkpoints are ${older.treeSize} and ${newer.treeSize}`,
      );
    const proof = hashes(saved.proof, 'proof');
    const ok = verifyConsistency(
      size(older.treeSize, 'old treeSize'),
      size(newer.treeSize, 'new treeSize'),
      proof,
      hex(older.rootHash, 'old rootHash'),
      hex(newer.rootHash, 'new rootHash'),
    );
    if (!ok)
      throw new Failed('the log of the new checkpoint does not extend the old one unchanged');
    return `OK consistency: the ${newer.treeSize} events of ${newer.issuedAt} extend the ${older.treeSize} of ${older.issuedAt} unchanged (signed by ${byOld})`;
  }
  throw new Usage(`unknown check "${what ?? ''}": checkpoint, inclusion or consistency`);
}

try {
  process.stdout.write(`${run(process.argv.slice(2))}\n`);
} catch (error) {
  if (error instanceof Failed) {
    process.stdout.write(`FAIL: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(
      `${error instanceof Usage ? error.message : String(error?.message ?? error)}\n${USAGE}\n`,
    );
    process.exitCode = 2;
  }
}
