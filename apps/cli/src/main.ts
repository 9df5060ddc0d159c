import { resolve } from 'node:path';
import { keysCommand } from './keys.command';

const USAGE = `usage: fresh <command> [options]

commands:
  keys create --role ROLE [--partner ID] [--name NAME]   create an API key
  keys list                                              list keys (never their secrets)
  keys revoke ID                                         revoke a key

FRESH_DATA_DIR (default ./data) is where the service keeps its data.`;

function main(argv: string[]): number {
  const dataDir = resolve(process.env.FRESH_DATA_DIR ?? './data');
  const [command, ...args] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  switch (command) {
    case 'keys':
      return keysCommand(args, dataDir, out, err);
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return 0;
    default:
      err(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
