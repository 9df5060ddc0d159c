import { createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Cli } from './command-line';
import { Progress } from './progress';
import { openStores } from './stores';
import { UsageError } from './usage-error';

/** `fresh audit keygen --out FILE`: a new Ed25519 notary key, and its public key next to it. */
export async function keygen({ dataDir, out }: Cli, file: string): Promise<number> {
  const { generateNotaryKey } = await import('@fresh/notary');
  const target = resolve(file);
  const inside = relative(dataDir, target);
  if (!inside.startsWith('..') && !isAbsolute(inside))
    throw new UsageError('the notary key must be kept outside the data dir (FRESH_DATA_DIR)');
  const publicFile = target.replace(/(\.pem|\.key)?$/, '.pub.pem');
  if (existsSync(target)) throw new UsageError(`${target} exists: choose another file`);
  const key = generateNotaryKey();
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  writeFileSync(target, key.privatePem, { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, key.publicPem);
  out(`notary key ${key.keyId}`);
  out(`private key: ${target} (mode 600; start the service with FRESH_NOTARY_KEY=${target})`);
  out(`public key:  ${publicFile} (give it to the auditors)`);
  return 0;
}

/** The notary key of FRESH_NOTARY_KEY, if set. */
async function notaryKey() {
  const { loadNotaryKey } = await import('@fresh/notary');
  const file = process.env.FRESH_NOTARY_KEY;
  return file ? loadNotaryKey(resolve(file)) : undefined;
}

/** A bar over the log, which grows to its head position. */
async function progressOver(
  events: { headPosition(): Promise<bigint | undefined> },
  label: string,
) {
  const head = Number((await events.headPosition()) ?? 0n);
  const progress = new Progress(label);
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  return {
    update: (_events: number, position: bigint) =>
      progress.update(Number(position), Math.max(head, Number(position)), seconds()),
    finish: () => progress.finish(seconds()),
  };
}

/** `fresh audit checkpoint`: a checkpoint of the log as stored now, signed with FRESH_NOTARY_KEY. */
export async function checkpoint({ dataDir, out, err }: Cli): Promise<number> {
  const { issueCheckpoint, treeHead, treeOfLog } = await import('@fresh/notary');
  const key = await notaryKey();
  if (!key) err('FRESH_NOTARY_KEY is not set: this checkpoint is unsigned');
  const stores = await openStores(dataDir);
  try {
    const progress = await progressOver(stores.events, 'checkpoint');
    const tree = await treeOfLog(stores.events, { onProgress: progress.update });
    progress.finish();
    out(JSON.stringify(issueCheckpoint(tree.size, treeHead(tree), new Date(), key), null, 2));
    return 0;
  } finally {
    await stores.close();
  }
}

function readCheckpoint(file: string) {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the checkpoint ${file}: ${(error as Error).message}`);
  }
  if (!Number.isSafeInteger(value.treeSize) || typeof value.rootHash !== 'string')
    throw new UsageError(`${file} is not a checkpoint (treeSize, rootHash, …)`);
  return value as never;
}

function readPublicKey(file: string): string {
  try {
    return createPublicKey(readFileSync(file))
      .export({ type: 'spki', format: 'der' })
      .toString('base64');
  } catch (error) {
    throw new UsageError(`cannot read the public key ${file}: ${(error as Error).message}`);
  }
}

/**
 * `fresh audit verify [--checkpoint FILE] [--key PUB]`: the hash chains of every stream, then the
 * Merkle tree of the whole log against the checkpoint (the notary's latest when none is given);
 * a progress bar for each of the two walks.
 */
export async function verify(
  { dataDir, out, err }: Cli,
  options: { checkpoint?: string; key?: string },
): Promise<number> {
  const { issueCheckpoint, NotaryStore, treeHead, MerkleTree, verifyLogAndTree } =
    await import('@fresh/notary');
  const { DATA_FILES } = await import('@fresh/stores');
  const given = options.checkpoint ? readCheckpoint(options.checkpoint) : undefined;
  const trustedKey = options.key ? readPublicKey(options.key) : undefined;
  const stores = await openStores(dataDir);
  const notaryFile = join(dataDir, DATA_FILES.notary);
  const notary = existsSync(notaryFile) ? new NotaryStore(notaryFile) : undefined;
  try {
    const recorded = notary?.recordedLeaves();
    const recordedTree = () => {
      const tree = new MerkleTree();
      for (let i = 0; i < recorded!.length; i++) tree.append(recorded!.get(i));
      return tree;
    };
    // Without a checkpoint: the notary's latest, or else the tree of the leaves it recorded.
    const kept =
      given ??
      notary?.latestCheckpoint() ??
      (recorded &&
        issueCheckpoint(recorded.length, treeHead(recordedTree()), new Date(), undefined));
    if (!kept) err('no checkpoint given and no notary.db in the data dir: the chains only');
    const bars = {
      chains: await progressOver(stores.events, 'verify chains'),
      tree: await progressOver(stores.events, 'verify tree'),
    };
    let phase: 'chains' | 'tree' = 'chains';
    const result = await verifyLogAndTree(stores.events, {
      checkpoint: kept,
      trustedKey,
      recordedLeaf: (i) => (recorded && i < recorded.length ? recorded.get(i) : undefined),
      onProgress: (p) => {
        if (p.phase !== phase) bars[phase].finish();
        phase = p.phase;
        bars[phase].update(p.events, BigInt(p.position));
      },
    });
    bars[phase].finish();
    out(JSON.stringify({ ...result.chains, intact: result.intact, tree: result.tree }));
    return result.intact ? 0 : 1;
  } finally {
    notary?.close();
    await stores.close();
  }
}
