import { EventStore, LogVerification, verifyLog } from '@fresh/event-store';
import { Checkpoint } from './checkpoint';
import { CheckpointVerification, verifyAgainstCheckpoint } from './verify-checkpoint';

/** The two walks of a verify over the whole log, in this order. */
export type VerifyPhase = 'chains' | 'tree';

export interface VerifyProgress {
  phase: VerifyPhase;
  /** Events checked so far in this phase. */
  events: number;
  /** The log position of the last event read (decimal: EventStoreDB's exceed 2^53). */
  position: string;
}

export interface LogAndTreeVerification {
  /** Both walks done found nothing wrong. */
  intact: boolean;
  /** Absent when the chains were not asked for. */
  chains?: LogVerification;
  /** Absent without a checkpoint to verify against, or when the tree was not asked for. */
  tree?: CheckpointVerification;
}

export interface VerifyLogAndTreeOptions {
  /** The checkpoint the log must extend; the chains only without it. */
  checkpoint?: Checkpoint;
  recordedLeaf?: (index: number) => Buffer | undefined;
  trustedKey?: string;
  onProgress?: (progress: VerifyProgress) => void;
  /** Events read at a time. */
  batchSize?: number;
  /** The walks to make (default both); the tree needs a checkpoint. */
  phases?: readonly VerifyPhase[];
}

/**
 * A verify of the log: every stream's hash chain, then (with a checkpoint) the Merkle tree of
 * the whole log against it. Intact when both hold. The CLI and the service's verify (in a worker
 * thread) both run this.
 */
export async function verifyLogAndTree(
  events: EventStore,
  options: VerifyLogAndTreeOptions = {},
): Promise<LogAndTreeVerification> {
  const batchSize = options.batchSize ?? 2_000;
  const progress = (phase: VerifyPhase) => (done: number, position: bigint) =>
    options.onProgress?.({ phase, events: done, position: position.toString() });
  const phases = options.phases ?? ['chains', 'tree'];
  const chains = phases.includes('chains')
    ? await verifyLog(events, { readSize: batchSize, onProgress: progress('chains') })
    : undefined;
  const tree =
    options.checkpoint && phases.includes('tree')
      ? await verifyAgainstCheckpoint(events, options.checkpoint, {
          recordedLeaf: options.recordedLeaf,
          trustedKey: options.trustedKey,
          batchSize,
          onProgress: progress('tree'),
        })
      : undefined;
  const intact = (chains?.intact ?? true) && (tree?.extendsCheckpoint ?? true);
  return { intact, ...(chains && { chains }), ...(tree && { tree }) };
}
