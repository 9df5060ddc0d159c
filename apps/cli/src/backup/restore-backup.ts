import { StoreConfig } from '@fresh/stores';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../usage-error';
import { firstMismatch, Manifest, readManifest } from './manifest';
import { CopyVerification, verifyCopy } from './verify-copy';

/** A backup that cannot be trusted: nothing was restored (or what was, was taken away again). */
export class RestoreRefused extends Error {}

export interface RestoreReport {
  from: string;
  dataDir: string;
  manifest: Manifest;
  verification: CopyVerification;
}

const storesOf = (s: Manifest['stores']) => `events: ${s.eventStore}, read models: ${s.readStore}`;

/**
 * Puts a backup into an empty data dir: checks the manifest and every file's size and SHA-256,
 * copies the files, checks the copies again, verifies the restored log (hash chains, the notary's
 * latest checkpoint, no derived store ahead of it) against the manifest's count and position.
 */
export async function restoreBackup(
  config: Pick<StoreConfig, 'dataDir' | 'eventStore' | 'readStore'>,
  from: string,
  trustedKey?: string,
): Promise<RestoreReport> {
  const { dataDir } = config;
  if (!existsSync(from)) throw new UsageError(`no backup at ${from}`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new UsageError(
      `the data dir ${dataDir} is not empty: restore into a new or empty FRESH_DATA_DIR`,
    );
  const manifest = readManifest(from);
  if ('problem' in manifest) throw new RestoreRefused(manifest.problem);
  const configured = { eventStore: config.eventStore.kind, readStore: config.readStore.kind };
  if (storesOf(configured) !== storesOf(manifest.stores))
    throw new UsageError(
      `the backup was taken with ${storesOf(manifest.stores)}, the stores configured are ${storesOf(configured)}: set FRESH_EVENT_STORE and FRESH_READ_STORE as they were`,
    );
  const damaged = await firstMismatch(from, manifest.files);
  if (damaged) throw new RestoreRefused(damaged);

  mkdirSync(dataDir, { recursive: true });
  try {
    for (const file of manifest.files)
      copyFileSync(join(from, file.name), join(dataDir, file.name), constants.COPYFILE_EXCL);
    const copiedWrong = await firstMismatch(dataDir, manifest.files);
    if (copiedWrong) throw new RestoreRefused(`the restored copy: ${copiedWrong}`);
    const verification = await verifyCopy(dataDir, trustedKey);
    const problem = verificationProblem(manifest, verification);
    if (problem) throw new RestoreRefused(problem);
    return { from, dataDir, manifest, verification };
  } catch (error) {
    // The data dir was empty: what is in it now is what this restore put there.
    for (const name of readdirSync(dataDir)) rmSync(join(dataDir, name), { force: true });
    throw error;
  }
}

/** Why a verified copy is not the backup the manifest describes; undefined when it is. */
function verificationProblem(manifest: Manifest, found: CopyVerification): string | undefined {
  const broken = found.chains?.firstBrokenAt;
  if (broken)
    return `the log's hash chain is broken at position ${broken.position} (${broken.streamId} revision ${broken.revision}: ${broken.reason})`;
  if (found.checkpoint && !found.checkpoint.extendsCheckpoint)
    return `the log does not extend the notary's latest checkpoint (tree size ${found.checkpoint.checkpoint.treeSize}): ${found.checkpoint.firstDifference?.reason ?? `signature ${found.checkpoint.signature}`}`;
  if (found.aheadOfLog.length > 0)
    return `${found.aheadOfLog.join(' and ')} ${found.aheadOfLog.length > 1 ? 'are' : 'is'} ahead of the log`;
  const want = JSON.stringify(manifest.log ?? null);
  const got = JSON.stringify(found.log ?? null);
  if (want !== got) return `the log holds ${got} where the manifest says ${want}`;
  return undefined;
}
