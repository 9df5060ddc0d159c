import { join } from 'node:path';
import { LEFT_OUT_OF_SERVICE_DB } from './online-copy';
import { BackedUpFile, MANIFEST } from './manifest';
import type { BackupReport } from './take-backup';
import type { CopyVerification } from './verify-copy';

/** Said by every backup: the notary key is not in it, by design. */
export const NOTARY_KEY_NOTE =
  'the notary key (FRESH_NOTARY_KEY) is kept outside the data dir on purpose and is not in the backup: keep a copy of it apart, with the same care as the key itself';

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

export function fileLines(files: BackedUpFile[]): string[] {
  const width = Math.max(...files.map((f) => f.name.length));
  return files.map((f) => {
    const note = f.role === 'keys' ? ` (left out: ${LEFT_OUT_OF_SERVICE_DB.join(', ')})` : '';
    return `  ${f.name.padEnd(width)}  ${bytes(f.bytes).padStart(18)}  sha256 ${f.sha256}  ${f.holds}${note}`;
  });
}

/** The verification of a copy, in lines. */
export function verificationLines(v: CopyVerification): string[] {
  if (!v.chains || !v.log)
    return ['log: not in this copy (EventStoreDB): verify it there with fresh audit verify'];
  const lines = [
    `log: ${v.log.events} events, last position ${v.log.lastPosition ?? '-'}; ` +
      (v.chains.firstBrokenAt
        ? `hash chain BROKEN at position ${v.chains.firstBrokenAt.position} (${v.chains.firstBrokenAt.streamId} revision ${v.chains.firstBrokenAt.revision}: ${v.chains.firstBrokenAt.reason})`
        : 'every stream’s hash chain intact'),
  ];
  const c = v.checkpoint;
  if (!c) lines.push('checkpoint: none issued yet by the notary: the chains only');
  else
    lines.push(
      c.extendsCheckpoint
        ? `checkpoint: the log extends the notary's latest (tree size ${c.checkpoint.treeSize}, issued ${c.checkpoint.issuedAt}, signature ${c.signature})`
        : `checkpoint: the log does NOT extend the notary's latest (tree size ${c.checkpoint.treeSize}): ${c.firstDifference?.reason ?? `signature ${c.signature}`}`,
    );
  if (v.aheadOfLog.length > 0)
    lines.push(`AHEAD of the log (derived stores must never be): ${v.aheadOfLog.join(', ')}`);
  return lines;
}

export function backupLines(r: BackupReport): string[] {
  const { manifest } = r;
  return [
    `backup into ${r.to} (events: ${manifest.stores.eventStore}, read models: ${manifest.stores.readStore}), begun ${manifest.createdAt}`,
    'copied, in this order (derived stores, then the log, then the keys):',
    ...fileLines(manifest.files),
    ...verificationLines(r.verification),
    ...r.leftOut.map((f) => `left out: ${f.name}: ${f.reason}`),
    ...r.elsewhere.map(
      (s) =>
        `not here: ${s.holds}: in ${s.engine}, backed up with its own tools (README, "Backups")`,
    ),
    ...r.unknownFiles.map((name) => `not copied: ${name}: not a file of this version's data dir`),
    `not copied: ${NOTARY_KEY_NOTE}`,
    `manifest: ${join(r.to, MANIFEST)}`,
    r.verification.intact ? 'backup verified' : 'the backup does NOT verify: see above',
  ];
}
