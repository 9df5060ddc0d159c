import { DATA_FILES, DataDirPlan, dataDirPlan, StoreConfig } from '@fresh/stores';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { UsageError } from '../usage-error';
import { describeFile, Manifest, MANIFEST_FORMAT, writeManifest } from './manifest';
import { copyDatabase, leaveOutServiceCaches } from './online-copy';
import { CopyVerification, verifyCopy } from './verify-copy';

export interface BackupReport {
  to: string;
  manifest: Manifest;
  verification: CopyVerification;
  leftOut: DataDirPlan['leftOut'];
  elsewhere: DataDirPlan['elsewhere'];
  /** Files in the data dir that this version does not know: not copied. */
  unknownFiles: string[];
}

const isInside = (dir: string, path: string) => {
  const inside = relative(dir, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
};

/** A SQLite file's companions (WAL, shared memory, journal): copied through the file itself. */
const companion = /-(wal|shm|journal)$/;

/**
 * Copies the data dir's stores into `to` while the service runs: the derived stores first, then
 * the log, then the keys (see DataFileRole), each by SQLite's online backup; then verifies the
 * copy and describes it in a manifest.
 */
export async function takeBackup(
  config: Pick<StoreConfig, 'dataDir' | 'eventStore' | 'readStore'>,
  to: string,
  trustedKey?: string,
): Promise<BackupReport> {
  const { dataDir } = config;
  const plan = dataDirPlan(config);
  if (isInside(dataDir, to) || isInside(to, dataDir))
    throw new UsageError(`the backup must be written outside the data dir ${dataDir}`);
  if (existsSync(to) && readdirSync(to).length > 0)
    throw new UsageError(`${to} is not empty: back up into a new or empty directory`);
  if (!existsSync(dataDir)) throw new UsageError(`no data dir ${dataDir}: check FRESH_DATA_DIR`);
  if (config.eventStore.kind === 'sqlite' && !existsSync(join(dataDir, DATA_FILES.events)))
    throw new UsageError(
      `${dataDir} holds no event log (${DATA_FILES.events}): check FRESH_DATA_DIR`,
    );
  const createdAt = new Date().toISOString();
  mkdirSync(to, { recursive: true });
  const known = new Set<string>([...plan.files, ...plan.leftOut].map((f) => f.name));
  const unknownFiles = readdirSync(dataDir)
    .filter((name) => !known.has(name.replace(companion, '')))
    .sort();

  const copied = plan.files.filter((file) => existsSync(join(dataDir, file.name)));
  for (const file of copied) {
    await copyDatabase(join(dataDir, file.name), join(to, file.name));
    if (file.role === 'keys') leaveOutServiceCaches(join(to, file.name));
  }
  const verification = await verifyCopy(to, trustedKey);
  const files = [];
  for (const file of copied) files.push(await describeFile(to, file));
  const checkpoint = verification.checkpoint?.checkpoint;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    createdAt,
    stores: { eventStore: config.eventStore.kind, readStore: config.readStore.kind },
    files,
    log: verification.log ?? null,
    checkpoint: checkpoint
      ? {
          treeSize: checkpoint.treeSize,
          rootHash: checkpoint.rootHash,
          issuedAt: checkpoint.issuedAt,
        }
      : null,
  };
  writeManifest(to, manifest);
  return {
    to,
    manifest,
    verification,
    leftOut: plan.leftOut,
    elsewhere: plan.elsewhere,
    unknownFiles,
  };
}
