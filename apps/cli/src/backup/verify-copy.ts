import { LogVerification, SqliteEventStore, verifyLog } from '@fresh/event-store';
import { CheckpointVerification, NotaryStore, verifyAgainstCheckpoint } from '@fresh/notary';
import { EmbeddedReadStore, PROJECTOR_CHECKPOINT } from '@fresh/read-models';
import { DATA_FILES } from '@fresh/stores';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What a copy of the data dir was found to be. */
export interface CopyVerification {
  intact: boolean;
  /** The log's hash chains; absent when the log is not in the copy (EventStoreDB). */
  chains?: LogVerification;
  log?: { events: number; lastPosition: string | null };
  /** Whether the copied log extends the notary's latest checkpoint; absent when none was issued. */
  checkpoint?: CheckpointVerification;
  /** Derived stores found ahead of the copied log (which a restore must never be given). */
  aheadOfLog: string[];
}

/**
 * Verifies a copy of the data dir (a backup, or a data dir just restored): every stream's hash
 * chain, the notary's latest checkpoint against the copied log, and that no derived store has
 * followed the log further than the copy holds. `trustedKey` (SPKI DER base64): the notary's
 * public key to check the checkpoint's signature with, instead of the one it carries.
 */
export async function verifyCopy(dir: string, trustedKey?: string): Promise<CopyVerification> {
  const at = (name: string) => join(dir, name);
  if (!existsSync(at(DATA_FILES.events))) return { intact: true, aheadOfLog: [] };
  const events = new SqliteEventStore(at(DATA_FILES.events));
  try {
    const chains = await verifyLog(events);
    const head = (await events.headPosition()) ?? 0n;
    const notary = await notaryCheck(at(DATA_FILES.notary), events, head, trustedKey);
    const aheadOfLog = [
      ...(notary.ahead ? [DATA_FILES.notary] : []),
      ...((await readModelsAhead(at(DATA_FILES.readModels), head)) ? [DATA_FILES.readModels] : []),
    ];
    const checkpoint = notary.checkpoint;
    return {
      intact: chains.intact && (checkpoint?.extendsCheckpoint ?? true) && aheadOfLog.length === 0,
      chains,
      log: { events: chains.checked, lastPosition: head === 0n ? null : head.toString() },
      ...(checkpoint ? { checkpoint } : {}),
      aheadOfLog,
    };
  } finally {
    await events.close();
  }
}

async function notaryCheck(
  file: string,
  events: SqliteEventStore,
  head: bigint,
  trustedKey: string | undefined,
): Promise<{ ahead?: boolean; checkpoint?: CheckpointVerification }> {
  if (!existsSync(file)) return {};
  const notary = new NotaryStore(file);
  try {
    const ahead = (notary.lastPosition() ?? 0n) > head;
    const latest = notary.latestCheckpoint();
    if (!latest) return { ahead };
    const { tree } = notary.loadTree();
    const checkpoint = await verifyAgainstCheckpoint(events, latest, {
      trustedKey,
      recordedLeaf: (i) => (i < tree.size ? tree.leaf(i) : undefined),
    });
    return { ahead, checkpoint };
  } finally {
    notary.close();
  }
}

async function readModelsAhead(file: string, head: bigint): Promise<boolean> {
  if (!existsSync(file)) return false;
  const reads = new EmbeddedReadStore(file);
  try {
    const live = await reads.liveGeneration();
    return ((await reads.checkpoint(live, PROJECTOR_CHECKPOINT)) ?? 0n) > head;
  } finally {
    await reads.close();
  }
}
