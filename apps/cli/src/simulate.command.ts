import { isBusinessDate } from '@fresh/domain';
import { simulate, sizeForEvents } from '@fresh/simulation';
import { parseArgs } from 'node:util';
import { Progress } from './progress';
import { openStores } from './stores';
import { UsageError } from './usage-error';

const positive = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} takes a whole number above 0`);
  return value;
};

/**
 * `fresh simulate [--partners 7000] [--clients 200000] [--seed 42] [--from 2014-12-01]
 * [--to 2015-12-31] [--events N]`: the experiment period, through the command bus.
 */
export async function simulateCommand(
  args: string[],
  dataDir: string,
  out: (line: string) => void,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      partners: { type: 'string' },
      clients: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      events: { type: 'string' },
    },
  });
  const from = values.from ?? '2014-12-01';
  const to = values.to ?? '2015-12-31';
  if (!isBusinessDate(from) || !isBusinessDate(to) || to < from)
    throw new UsageError('--from and --to take dates YYYY-MM-DD, --from first');
  const maxEvents = values.events === undefined ? undefined : positive('events', values.events, 0);
  const sized = maxEvents ? sizeForEvents(maxEvents) : { partners: 7_000, clients: 200_000 };
  const options = {
    partners: positive('partners', values.partners, sized.partners),
    clients: positive('clients', values.clients, sized.clients),
    seed: positive('seed', values.seed, 42),
    from,
    to,
    maxEvents,
  };
  const stores = await openStores(dataDir);
  try {
    if ((await stores.events.headPosition()) !== undefined)
      throw new UsageError(
        `the event log in ${dataDir} is not empty; simulate into a new FRESH_DATA_DIR`,
      );
    out(
      `simulating ${options.partners} partners, ${options.clients} clients, ${from}..${to}, seed ${options.seed}${maxEvents ? `, up to ${maxEvents} events` : ''}`,
    );
    const progress = new Progress('simulate');
    const summary = await simulate(stores.events, options, (done, total, seconds) =>
      progress.update(done, total, seconds, 'commands'),
    );
    progress.done();
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
    return 0;
  } finally {
    await stores.close();
  }
}
