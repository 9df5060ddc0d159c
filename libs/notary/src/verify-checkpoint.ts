import type { EventStore } from '@fresh/event-store';
import { Checkpoint, checkSignature, SignatureCheck } from './checkpoint';
import { treeOfLog } from './log-tree';
import { consistencyProof, treeHead } from './merkle';

export interface CheckpointVerification {
  /** The log today extends the checkpoint unchanged (and its signature is not invalid). */
  extendsCheckpoint: boolean;
  signature: SignatureCheck;
  checkpoint: { treeSize: number; rootHash: string; issuedAt: string; keyId: string | null };
  /** The tree of the log as it is now. */
  now: { treeSize: number; rootHash: string; rootAtCheckpointSize: string | null };
  /** RFC 9162 proof from the checkpoint's size to today's, when today's log extends it. */
  consistencyProof?: string[];
  /** The first leaf that differs from what the notary recorded, when it can be told. */
  firstDifference?: {
    /** Absent when the notary's records cannot tell which leaf differs. */
    leafIndex?: number;
    reason: string;
    position?: string;
    streamId?: string;
    revision?: number;
  };
}

export interface VerifyCheckpointOptions {
  /** Leaf hashes the notary recorded as it followed the log, to name the first one that differs. */
  recordedLeaf?: (index: number) => Buffer | undefined;
  /** The public key the auditor trusts (SPKI DER base64); else the one the checkpoint carries. */
  trustedKey?: string;
  batchSize?: number;
  onProgress?: (events: number, position: bigint) => void;
}

/**
 * Rebuilds the Merkle tree of the whole log from the events as they are stored now and checks
 * that its first `treeSize` leaves have the checkpoint's root: an event altered (re-hashed or
 * not), removed from the middle or the end of a stream, a stream removed, or the log cut, all
 * change that root. The first differing leaf is named from the notary's own records.
 */
export async function verifyAgainstCheckpoint(
  store: EventStore,
  checkpoint: Checkpoint,
  options: VerifyCheckpointOptions = {},
): Promise<CheckpointVerification> {
  let firstDifference: CheckpointVerification['firstDifference'];
  const tree = await treeOfLog(store, {
    batchSize: options.batchSize,
    onProgress: options.onProgress,
    onLeaf: (event, leaf, index) => {
      const recorded = firstDifference ? undefined : options.recordedLeaf?.(index);
      if (recorded && !recorded.equals(leaf)) {
        firstDifference = {
          leafIndex: index,
          reason: 'this event is not the one the notary recorded at this place in the log',
          position: event.position.toString(),
          streamId: event.streamId,
          revision: event.revision,
        };
      }
    },
  });
  const size = checkpoint.treeSize;
  const signature = checkSignature(checkpoint, options.trustedKey);
  const now = {
    treeSize: tree.size,
    rootHash: treeHead(tree).toString('hex'),
    rootAtCheckpointSize: size <= tree.size ? treeHead(tree, size).toString('hex') : null,
  };
  const sameRoot = now.rootAtCheckpointSize === checkpoint.rootHash;
  if (!sameRoot && (!firstDifference || firstDifference.leafIndex! >= size)) {
    firstDifference =
      size > tree.size
        ? {
            leafIndex: tree.size,
            reason: `the log holds ${tree.size} events where the checkpoint covers ${size}: events were removed`,
          }
        : {
            reason:
              'the first events do not have the checkpoint’s root; the notary’s records do not tell which differs',
          };
  }
  const extendsCheckpoint = sameRoot && signature !== 'invalid';
  return {
    extendsCheckpoint,
    signature,
    checkpoint: {
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      issuedAt: checkpoint.issuedAt,
      keyId: checkpoint.keyId,
    },
    now,
    ...(sameRoot
      ? { consistencyProof: consistencyProof(tree, size).map((b) => b.toString('hex')) }
      : {}),
    ...(firstDifference && !sameRoot ? { firstDifference } : {}),
  };
}
