import type { EventStore, RecordedEvent } from '@fresh/event-store';
import { Checkpoint } from './checkpoint';
import { consistencyProof, inclusionProof, treeHead } from './merkle';
import { MerkleTree } from './merkle-tree';
import { NotaryStore } from './notary-store';

export interface InclusionAnswer {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  auditPath: string[];
}

export interface ConsistencyAnswer {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

/**
 * What auditors are answered from: the notary this process keeps (Notary), or a read-only view
 * of the one another process keeps (NotaryView). Both answer from the same leaves with the same
 * functions below, so a proof for a tree size is the same whichever answers it.
 */
export interface NotaryAnswers {
  /** Leaves in the tree. */
  readonly size: number;
  /** The log position of the last event in the tree. */
  readonly position: bigint | undefined;
  /** The notary's public key (SPKI DER base64), null when unsigned. */
  readonly publicKey: string | null;
  /** The checkpoint to answer with now; undefined only where none has been issued yet. */
  latest(): Checkpoint | undefined;
  leafIndexAt(position: bigint): number | undefined;
  eventAt(leafIndex: number): Promise<RecordedEvent | undefined>;
  inclusion(leafIndex: number, treeSize?: number): InclusionAnswer;
  root(size?: number): string;
  consistency(from: number, to: number): ConsistencyAnswer;
}

const hex = (list: Buffer[]) => list.map((b) => b.toString('hex'));

export const inclusionOf = (
  tree: MerkleTree,
  leafIndex: number,
  treeSize: number,
): InclusionAnswer => ({
  leafIndex,
  treeSize,
  leafHash: tree.leaf(leafIndex).toString('hex'),
  auditPath: hex(inclusionProof(tree, leafIndex, treeSize)),
});

export const consistencyOf = (tree: MerkleTree, from: number, to: number): ConsistencyAnswer => ({
  from,
  to,
  fromRoot: treeHead(tree, from).toString('hex'),
  toRoot: treeHead(tree, to).toString('hex'),
  proof: hex(consistencyProof(tree, from, to)),
});

export const rootOf = (tree: MerkleTree, size: number): string =>
  treeHead(tree, size).toString('hex');

/** The event a leaf stands for, read from the log (`events`: the log as written). */
export async function eventOfLeaf(
  store: NotaryStore,
  events: EventStore,
  leafIndex: number,
): Promise<RecordedEvent | undefined> {
  const at = store.eventAt(leafIndex);
  if (!at) return undefined;
  const [event] = await events.readStream(at.streamId, at.revision);
  return event?.revision === at.revision ? event : undefined;
}
