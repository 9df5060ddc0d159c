import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** The file a backup describes itself in, next to its copies. */
export const MANIFEST = 'fresh-backup.json';
export const MANIFEST_FORMAT = 'fresh-backup/1';

export interface BackedUpFile {
  name: string;
  role: 'derived' | 'log' | 'keys';
  holds: string;
  bytes: number;
  sha256: string;
}

/** What `fresh backup` wrote, and what `fresh restore` checks before it puts anything back. */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  stores: { eventStore: 'sqlite' | 'esdb'; readStore: 'embedded' | 'mongo' };
  /** In the order they were copied. */
  files: BackedUpFile[];
  /** The copied log; null when the log is in EventStoreDB. */
  log: { events: number; lastPosition: string | null } | null;
  /** The notary's latest checkpoint the copied log extends; null when there is none. */
  checkpoint: { treeSize: number; rootHash: string; issuedAt: string } | null;
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export async function describeFile(
  dir: string,
  file: Omit<BackedUpFile, 'bytes' | 'sha256'>,
): Promise<BackedUpFile> {
  const path = join(dir, file.name);
  return { ...file, bytes: statSync(path).size, sha256: await sha256Of(path) };
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
}

/** The manifest of a backup dir, or why there is none to trust. */
export function readManifest(dir: string): Manifest | { problem: string } {
  const file = join(dir, MANIFEST);
  if (!existsSync(file))
    return { problem: `${dir} holds no ${MANIFEST}: not a backup made by fresh backup` };
  let value: Partial<Manifest>;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { problem: `${MANIFEST} is not JSON: ${(error as Error).message}` };
  }
  if (value.format !== MANIFEST_FORMAT || !Array.isArray(value.files) || !value.stores)
    return { problem: `${MANIFEST} is not a ${MANIFEST_FORMAT} manifest` };
  return value as Manifest;
}

/** The first file of the manifest whose copy is missing or not the one described; none: undefined. */
export async function firstMismatch(
  dir: string,
  files: BackedUpFile[],
): Promise<string | undefined> {
  for (const file of files) {
    const path = join(dir, file.name);
    if (!/^[a-z-]+\.db$/.test(file.name))
      return `${MANIFEST} names an unexpected file "${file.name}"`;
    if (!existsSync(path)) return `${file.name} is missing`;
    const bytes = statSync(path).size;
    if (bytes !== file.bytes)
      return `${file.name} has ${bytes} bytes where the manifest says ${file.bytes}`;
    if ((await sha256Of(path)) !== file.sha256)
      return `${file.name} does not match its SHA-256 in the manifest`;
  }
  return undefined;
}
