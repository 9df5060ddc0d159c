import { Command } from 'commander';
import { businessDate, Cli } from './command-line';
import { Progress } from './progress';
import { openStores } from './stores';

/**
 * `fresh replay [--until YYYY-MM-DD]`: rebuilds every read model from the log into a new
 * generation and makes it live (the running service follows), or builds the world as of a date.
 */
export function replayCommand(cli: Cli): Command {
  return new Command('replay')
    .description(
      'rebuild every read model from the event log into a new generation and make it live (the running service follows)',
    )
    .option(
      '--until <date>',
      'instead, build a read-only generation of the world as of this business date (YYYY-MM-DD), next to the live one',
      businessDate,
    )
    .action(async (options: { until?: string }) => run(cli, options.until));
}

async function run({ dataDir, out }: Cli, until: string | undefined): Promise<void> {
  const { replay } = await import('@fresh/read-models');
  const stores = await openStores(dataDir);
  try {
    const progress = new Progress('replay');
    const result = await replay(stores.events, stores.reads, {
      until,
      onProgress: (p) => progress.update(Number(p.position), Number(p.head), p.seconds),
    });
    progress.finish(result.seconds);
    out(
      `replayed the log to position ${result.position} in ${result.seconds.toFixed(2)} s: ${result.events} events projected`,
    );
    out(
      `generation ${result.generation}: ${result.after.documents} documents, checksum ${result.after.sha256}`,
    );
    if (!result.switched) {
      out(
        `built next to the live generation ${result.previous}; query it with ?generation=${result.generation}`,
      );
      return;
    }
    if (result.before.documents === 0) {
      out(`previous ${result.previous}: empty, nothing to compare`);
    } else {
      out(
        `previous ${result.previous}: ${result.before.documents} documents, checksum ${result.before.sha256}`,
      );
      out(
        result.before.sha256 === result.after.sha256
          ? 'read models identical to the previous generation'
          : 'read models differ from the previous generation (events recorded during the replay, or a projection changed)',
      );
    }
    out(`live generation is now ${result.generation}`);
  } finally {
    await stores.close();
  }
}
