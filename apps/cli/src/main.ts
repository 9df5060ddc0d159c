import { resolve } from 'node:path';
import { auditCommand } from './audit.command';
import { keysCommand } from './keys.command';
import { replayCommand } from './replay.command';
import { simulateCommand } from './simulate.command';
import { UsageError } from './usage-error';

const USAGE = `usage: fresh <command> [options]

commands:
  keys create --role ROLE [--partner ID] [--name NAME]   create an API key
  keys list                                              list keys (never their secrets)
  keys revoke ID                                         revoke a key
  replay [--until YYYY-MM-DD]                            rebuild the read models from the log
  audit verify                                           check the log's hash chains
  simulate [--partners N] [--clients N] [--seed N] [--from D] [--to D] [--events N]
                                                         the experiment period, through the rules

FRESH_DATA_DIR (default ./data) is where the service keeps its data.`;

async function main(argv: string[]): Promise<number> {
  const dataDir = resolve(process.env.FRESH_DATA_DIR ?? './data');
  const [command, ...args] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  try {
    switch (command) {
      case 'keys':
        return keysCommand(args, dataDir, out, err);
      case 'replay':
        return await replayCommand(args, dataDir, out);
      case 'audit':
        return await auditCommand(args, dataDir, out);
      case 'simulate':
        return await simulateCommand(args, dataDir, out);
      case undefined:
      case 'help':
      case '--help':
        out(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    err(`fresh ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
