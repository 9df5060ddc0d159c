import { Command } from 'commander';
import { Cli, needsSubcommand } from './command-line';
import { openStores } from './stores';

/** `fresh audit verify`: walks the hash chains of the whole log; exit code 1 when broken. */
export function auditCommand(cli: Cli): Command {
  const audit = new Command('audit').description("check the event log's integrity");
  audit
    .command('verify')
    .description(
      'walk the hash chains of the whole event log and print { intact, checked, firstBrokenAt? }; exit code 1 when broken',
    )
    .action(async () => cli.exit(await verify(cli.dataDir, cli.out)));
  return needsSubcommand(audit);
}

async function verify(dataDir: string, out: (line: string) => void): Promise<number> {
  const { verifyLog } = await import('@fresh/event-store');
  const stores = await openStores(dataDir);
  try {
    const result = await verifyLog(stores.events);
    out(JSON.stringify(result));
    return result.intact ? 0 : 1;
  } finally {
    await stores.close();
  }
}
