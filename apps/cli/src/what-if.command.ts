import { Command, Option } from 'commander';
import { businessDate, Cli, rate } from './command-line';
import { Progress } from './progress';
import { openStores } from './stores';
import { UsageError } from './usage-error';

interface WhatIfOptions {
  experiment: string;
  rate?: string;
  startsOn?: string;
  endsOn?: string;
  cskRate?: string;
  decisions?: string | false;
  granularity: 'week' | 'month';
  json?: boolean;
  csv?: 'rfc4180' | 'excel-ru';
}

/**
 * `fresh what-if --rate 0.15 --ends-on 2015-03-31 …`: what other terms would have done, every
 * recorded sale decided again with the service's own discount policy. Records nothing.
 */
export function whatIfCommand(cli: Cli): Command {
  return new Command('what-if')
    .description(
      'what other terms would have done: every recorded sale decided again (records nothing)',
    )
    .option('--experiment <id>', 'the experiment', 'exp-2014')
    .option('--rate <rate>', 'the non-CSK discount rate, e.g. 0.15', rate)
    .option('--starts-on <date>', 'the first day of the window', businessDate)
    .option(
      '--ends-on <date>',
      'the last day of the window the experiment starts with (decisions still apply)',
      businessDate,
    )
    .option('--csk-rate <rate>', 'the price list’s CSK rate for every CSK sale', rate)
    .option('--decisions <json>', 'the decisions, a JSON array, in place of the recorded ones')
    .option('--no-decisions', 'as if no decision had been taken')
    .addOption(
      new Option('--granularity <unit>', 'periods').choices(['week', 'month']).default('month'),
    )
    .addOption(new Option('--json', 'the answer as JSON').conflicts('csv'))
    .addOption(
      new Option(
        '--csv [dialect]',
        'the answer as CSV, Russian headers: rfc4180 (",", ".") or excel-ru (";", decimal commas, a BOM)',
      )
        .choices(['rfc4180', 'excel-ru'])
        .preset('rfc4180'),
    )
    .action(async (options: WhatIfOptions) => run(cli, options));
}

function decisionsOf(options: WhatIfOptions) {
  if (options.decisions === false) return [];
  if (options.decisions === undefined) return undefined;
  let decisions: unknown;
  try {
    decisions = JSON.parse(options.decisions);
  } catch {
    throw new UsageError('--decisions takes a JSON array of decisions');
  }
  if (!Array.isArray(decisions))
    throw new UsageError('--decisions takes a JSON array of decisions');
  return decisions;
}

async function run({ dataDir, out }: Cli, options: WhatIfOptions): Promise<void> {
  const whatIfLib = await import('@fresh/what-if');
  const decisions = decisionsOf(options);
  const scenario = {
    ...(options.rate !== undefined && { discountRate: options.rate }),
    ...(options.startsOn !== undefined && { startsOn: options.startsOn }),
    ...(options.endsOn !== undefined && { endsOn: options.endsOn }),
    ...(options.cskRate !== undefined && { cskDiscountRate: options.cskRate }),
    ...(decisions !== undefined && { decisions }),
  } as import('@fresh/what-if').Scenario;
  const stores = await openStores(dataDir);
  const progress = new Progress('what-if', 'positions');
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await whatIfLib.whatIf(
      stores.events,
      options.experiment,
      scenario,
      { granularity: options.granularity },
      (position, head) => progress.update(Number(position), Number(head), seconds()),
    );
    progress.finish(seconds());
    if (options.csv) {
      const { tableToCsv } = await import('@fresh/tables');
      const csv = tableToCsv(whatIfLib.whatIfTable(result, 'ru'), 'ru', options.csv);
      process.stdout.write(csv);
    } else
      out(
        options.json
          ? JSON.stringify(whatIfLib.presentWhatIf(result), null, 2)
          : whatIfLib.formatWhatIfTable(result),
      );
  } catch (error) {
    if (error instanceof whatIfLib.ScenarioError)
      throw new UsageError(`${error.field}: ${error.message}`);
    if (error instanceof whatIfLib.UnknownExperimentError) throw new UsageError(error.message);
    throw error;
  } finally {
    await stores.close();
  }
}
