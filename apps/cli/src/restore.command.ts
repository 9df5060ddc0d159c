import { Command } from 'commander';
import { resolve } from 'node:path';
import { storeConfigFromEnv } from '@fresh/stores';
import { notaryPublicKey } from './backup/notary-public-key';
import { fileLines, verificationLines } from './backup/report';
import { restoreBackup, RestoreRefused } from './backup/restore-backup';
import { Cli } from './command-line';

/**
 * `fresh restore --from DIR [--json]`: puts a backup made by `fresh backup` into an empty data dir,
 * after checking its manifest and files, and verifies what it restored; exit code 1 when refused.
 */
export function restoreCommand(cli: Cli): Command {
  return new Command('restore')
    .description(
      'put a backup made by fresh backup into an empty data dir (FRESH_DATA_DIR): check its manifest and every file’s SHA-256, copy, verify the restored log; exit code 1, and nothing restored, when the backup does not verify',
    )
    .requiredOption('--from <dir>', 'the backup directory (as written by fresh backup --to)')
    .option('--json', 'print the report as one JSON object')
    .action(async (options: { from: string; json?: boolean }) => {
      let report;
      try {
        report = await restoreBackup(
          { ...storeConfigFromEnv(), dataDir: cli.dataDir },
          resolve(options.from),
          notaryPublicKey(),
        );
      } catch (error) {
        if (!(error instanceof RestoreRefused)) throw error;
        cli.err(`fresh restore: refused: ${error.message}; nothing was restored`);
        cli.exit(1);
        return;
      }
      if (options.json) {
        cli.out(JSON.stringify(report));
        return;
      }
      cli.out(
        `restored the backup of ${report.manifest.createdAt} from ${report.from} into ${report.dataDir}:`,
      );
      for (const line of fileLines(report.manifest.files)) cli.out(line);
      for (const line of verificationLines(report.verification)) cli.out(line);
      cli.out(
        'restore verified: start the service on this data dir; the derived stores catch up with the log on start',
      );
    });
}
