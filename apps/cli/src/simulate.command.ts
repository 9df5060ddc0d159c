import { Command, Option } from 'commander';
import { businessDate, Cli, wholeNumber } from './command-line';
import { Progress } from './progress';
import { openStores } from './stores';
import { UsageError } from './usage-error';

interface SimulateOptions {
  partners?: number;
  clients?: number;
  seed: number;
  from: string;
  to: string;
  events?: number;
}

/**
 * `fresh simulate [--partners 7000] [--clients 200000] [--seed 42] [--from 2014-12-01]
 * [--to 2015-12-31] [--events N]`: the experiment period, through the command bus.
 */
export function simulateCommand(cli: Cli): Command {
  return new Command('simulate')
    .description(
      'generate the experiment period and send it through the real command path into an empty data dir (same options, same log)',
    )
    .addOption(
      new Option('--partners <n>', 'partners (default 7000, or sized for --events)').argParser(
        wholeNumber,
      ),
    )
    .addOption(
      new Option('--clients <n>', 'clients (default 200000, or sized for --events)').argParser(
        wholeNumber,
      ),
    )
    .option('--seed <n>', 'seed of the generator', wholeNumber, 42)
    .option('--from <date>', 'first business day, YYYY-MM-DD', businessDate, '2014-12-01')
    .option('--to <date>', 'last business day, YYYY-MM-DD', businessDate, '2015-12-31')
    .option(
      '--events <n>',
      'stop at about this many events, sizing partners and clients for it',
      wholeNumber,
    )
    .action((options: SimulateOptions) => run(cli, options));
}

async function run({ dataDir, out }: Cli, values: SimulateOptions): Promise<void> {
  const { from, to, events: maxEvents } = values;
  if (to < from) throw new UsageError('--from must not be after --to');
  const { simulate, sizeForEvents } = await import('@fresh/simulation');
  const sized = maxEvents ? sizeForEvents(maxEvents) : { partners: 7_000, clients: 200_000 };
  const options = {
    partners: values.partners ?? sized.partners,
    clients: values.clients ?? sized.clients,
    seed: values.seed,
    from,
    to,
    maxEvents,
  };
  const stores = await openStores(dataDir);
  try {
    // Simulated people's data keys and IVs come from the seed too: the same log to the byte.
    const { seededRandomness } = await import('@fresh/privacy');
    stores.privacy.useRandomness(seededRandomness(`simulate:${options.seed}`));
    if ((await stores.events.headPosition()) !== undefined)
      throw new UsageError(
        `the event log in ${dataDir} is not empty; simulate into a new FRESH_DATA_DIR`,
      );
    out(
      `simulating ${options.partners} partners, ${options.clients} clients, ${from}..${to}, seed ${options.seed}${maxEvents ? `, up to ${maxEvents} events` : ''}`,
    );
    const progress = new Progress('simulate', 'commands');
    const summary = await simulate(stores.events, options, (done, total, seconds) =>
      progress.update(done, total, seconds),
    );
    // With --events the run stops before the planned agenda ends: what ran is the whole of it.
    progress.finish(summary.seconds, summary.commands);
    out(
      `${summary.commands} commands in ${summary.seconds.toFixed(1)} s (${Math.round(summary.commandsPerSec)} commands/s): ${summary.events} events`,
    );
    out('recorded:');
    for (const [type, n] of Object.entries(summary.recorded).sort())
      out(`  ${type.padEnd(28)} ${n}`);
    out('refused by the rules:');
    for (const [code, n] of Object.entries(summary.refused).sort())
      out(`  ${code.padEnd(28)} ${n}`);
    out(`log checksum ${summary.log.sha256} (${summary.log.events} events)`);
  } finally {
    await stores.close();
  }
}
