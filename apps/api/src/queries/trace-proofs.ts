import type { SaleTrace, TracedEvent } from '@fresh/audit';
import type { Checkpoint } from '@fresh/notary';
import { NotaryService } from '../infrastructure/notary.service';

export interface ProvenEvent extends TracedEvent {
  /** The event's place in the notary's Merkle tree; null if the notary has not reached it yet. */
  leafIndex: number | null;
  /** RFC 9162 audit path from the leaf to the root of `checkpoint`. */
  inclusion?: { treeSize: number; leafHash: string; auditPath: string[] };
}

/**
 * The sale trace with, for each event, its leaf index and an inclusion proof to the latest
 * checkpoint (given with the trace): the keeper's, issued now if the tree has grown; standing by,
 * the latest the keeper issued (an event after it has its leaf index, no proof yet). Unchanged
 * where this process cannot answer proofs.
 */
export async function withProofs<T extends Pick<SaleTrace, 'events' | 'later'>>(
  trace: T,
  service: NotaryService,
): Promise<T & { events: ProvenEvent[]; later: ProvenEvent[]; checkpoint?: Checkpoint }> {
  const notary = service.answering;
  if (!notary) return trace as T & { events: ProvenEvent[]; later: ProvenEvent[] };
  const positions = [...trace.events, ...trace.later].map((e) => BigInt(e.position));
  const last = positions.reduce((a, b) => (b > a ? b : a), 0n);
  await service.reached(last);
  const checkpoint = notary.latest();
  const prove = (e: TracedEvent): ProvenEvent => {
    const leafIndex = notary.leafIndexAt(BigInt(e.position));
    if (leafIndex === undefined || !checkpoint || leafIndex >= checkpoint.treeSize)
      return { ...e, leafIndex: leafIndex ?? null };
    const { leafHash, auditPath } = notary.inclusion(leafIndex, checkpoint.treeSize);
    return { ...e, leafIndex, inclusion: { treeSize: checkpoint.treeSize, leafHash, auditPath } };
  };
  return {
    ...trace,
    events: trace.events.map(prove),
    later: trace.later.map(prove),
    ...(checkpoint && { checkpoint }),
  };
}
