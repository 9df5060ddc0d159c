import { Command } from 'commander';
import { resolve } from 'node:path';
import { storeConfigFromEnv } from '@fresh/stores';
import { notaryPublicKey } from './backup/notary-public-key';
import { backupLines, NOTARY_KEY_NOTE } from './backup/report';
import { takeBackup } from './backup/take-backup';
import { Cli } from './command-line';

/**
 * `fresh backup --to DIR [--json]`: a consistent copy of the embedded stores while the service
 * runs, verified and described in a manifest; exit code 1 when the copy does not verify.
 */
export function backupCommand(cli: Cli): Command {
  return new Command('backup')
    .description(
      'copy the embedded stores of the data dir into a new or empty DIR while the service runs (SQLite online backup), verify the copy (hash chains, the notary’s latest checkpoint) and write its manifest; exit code 1 when it does not verify',
    )
    .requiredOption(
      '--to <dir>',
      'where to write the backup: a new or empty directory outside the data dir',
    )
    .option('--json', 'print the report as one JSON object')
    .action(async (options: { to: string; json?: boolean }) => {
      const report = await takeBackup(
        { ...storeConfigFromEnv(), dataDir: cli.dataDir },
        resolve(options.to),
        notaryPublicKey(),
      );
      if (options.json) cli.out(JSON.stringify({ ...report, notaryKey: NOTARY_KEY_NOTE }));
      else for (const line of backupLines(report)) cli.out(line);
      cli.exit(report.verification.intact ? 0 : 1);
    });
}
