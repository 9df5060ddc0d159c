import { verifyLog } from '@fresh/event-store';
import {
  generateNotaryKey,
  loadNotaryKey,
  Notary,
  NotaryStore,
  verifyAgainstCheckpoint,
} from '@fresh/notary';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timed } from './measure';
import { sealedLog } from './sealed-log';

/** A spread of proofs over the whole tree, the same every run (no randomness in a bench's inputs). */
const PROOFS = 1_000;
const spread = (i: number, size: number) => Math.floor(((i * 7919) % PROOFS) * (size / PROOFS));

function proofTimes(notary: Notary) {
  const size = notary.size;
  const inclusion: number[] = [];
  const consistency: number[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const leaf = spread(i, size);
    let started = performance.now();
    notary.inclusion(leaf, size);
    inclusion.push(performance.now() - started);
    started = performance.now();
    notary.consistency(Math.max(1, leaf), size);
    consistency.push(performance.now() - started);
  }
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const p99 = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length * 0.99)];
  return {
    inclusionMeanMs: mean(inclusion),
    inclusionP99Ms: p99(inclusion),
    inclusionMaxMs: Math.max(...inclusion),
    consistencyMeanMs: mean(consistency),
    consistencyP99Ms: p99(consistency),
    consistencyMaxMs: Math.max(...consistency),
  };
}

/**
 * The notary over a simulated log, as the service runs it: its tree built from an empty notary.db
 * (every leaf hashed from the stored texts and kept), proofs in the whole tree, the tree reopened
 * from notary.db, and a verify of the log (chains, then the tree against the latest checkpoint).
 */
export async function notaryBench(dataDir: string) {
  const file = join(dataDir, 'notary.db');
  for (const name of [file, `${file}-wal`, `${file}-shm`]) rmSync(name, { force: true });
  const events = sealedLog(dataDir);
  const head = (await events.headPosition())!;
  // A signing key, kept outside the data dir as the service's is: every checkpoint is signed.
  const keyFile = join(mkdtempSync(join(tmpdir(), 'fresh-bench-notary-')), 'notary.pem');
  writeFileSync(keyFile, generateNotaryKey().privatePem, { mode: 0o600 });
  const key = loadNotaryKey(keyFile);
  const notary = new Notary(events, new NotaryStore(file), {
    key,
    everyEvents: 1_000,
    everyMs: 0,
  });
  const built = await timed(async () => {
    notary.start();
    await notary.waitFor(head);
  });
  const proofs = proofTimes(notary);
  const checkpoint = notary.latest();
  await notary.stop();
  const reopened = new NotaryStore(file);
  const loaded = await timed(async () => reopened.loadTree());
  const recorded = loaded.result.tree;
  reopened.close();
  const chains = await timed(() => verifyLog(events, { readSize: 2_000 }));
  const tree = await timed(() =>
    verifyAgainstCheckpoint(events, checkpoint, {
      recordedLeaf: (i) => (i < recorded.size ? recorded.leaf(i) : undefined),
      batchSize: 2_000,
    }),
  );
  await events.close();
  if (!chains.result.intact || !tree.result.extendsCheckpoint)
    throw new Error('the simulated log does not verify');
  return {
    leaves: checkpoint.treeSize,
    treeSeconds: built.seconds,
    loadSeconds: loaded.seconds,
    ...proofs,
    verifyChainsSeconds: chains.seconds,
    verifyTreeSeconds: tree.seconds,
  };
}
