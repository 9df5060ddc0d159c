import { Command } from 'commander';
import { resolve } from 'node:path';
import { auditCommand } from './audit.command';
import { backupCommand } from './backup.command';
import { Cli, exitCodeOf, withConventions } from './command-line';
import { keysCommand } from './keys.command';
import { privacyCommand } from './privacy.command';
import { replayCommand } from './replay.command';
import { restoreCommand } from './restore.command';
import { simulateCommand } from './simulate.command';
import { whatIfCommand } from './what-if.command';

const ENVIRONMENT = `
Environment:
  FRESH_DATA_DIR   where the service keeps its data (default ./data)
  the store variables of the service (FRESH_EVENT_STORE, FRESH_READ_STORE, …) choose the stores`;

/** The `fresh` command line: every command and subcommand answers -h/--help. */
export function freshProgram(cli: Cli): Command {
  const program = new Command('fresh')
    .description(
      'fresh-partners: API keys, replay of the read models, audit, simulation, personal data, what-if, backup and restore',
    )
    .addCommand(keysCommand(cli))
    .addCommand(replayCommand(cli))
    .addCommand(auditCommand(cli))
    .addCommand(simulateCommand(cli))
    .addCommand(privacyCommand(cli))
    .addCommand(whatIfCommand(cli))
    .addCommand(backupCommand(cli))
    .addCommand(restoreCommand(cli))
    .addHelpText('after', ENVIRONMENT);
  return withConventions(program);
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const cli: Cli = {
    dataDir: resolve(process.env.FRESH_DATA_DIR ?? './data'),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    exit: (code) => (exitCode = code),
  };
  const program = freshProgram(cli);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    const usage = exitCodeOf(error, cli.err);
    if (usage !== undefined) return usage;
    // A failure of the work itself (a store that cannot be opened, …): its message, no stack.
    cli.err(`fresh ${argv[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
