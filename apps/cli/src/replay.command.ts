import { isBusinessDate } from '@fresh/domain';
import { replay } from '@fresh/read-models';
import { parseArgs } from 'node:util';
import { Progress } from './progress';
import { openStores } from './stores';
import { UsageError } from './usage-error';

/**
 * `fresh replay [--until YYYY-MM-DD]`: rebuilds every read model from the log into a new
 * generation and makes it live (the running service follows), or builds the world as of a date.
 */
export async function replayCommand(
  args: string[],
  dataDir: string,
  out: (line: string) => void,
): Promise<number> {
  const { values } = parseArgs({ args, options: { until: { type: 'string' } } });
  if (values.until !== undefined && !isBusinessDate(values.until))
    throw new UsageError('--until takes a date YYYY-MM-DD');
  const stores = await openStores(dataDir);
  try {
    const progress = new Progress('replay');
    const result = await replay(stores.events, stores.reads, {
      until: values.until,
      onProgress: (p) => progress.update(Number(p.position), Number(p.head), p.seconds),
    });
    progress.done();
    out(
      `replayed the log to position ${result.position} in ${result.seconds.toFixed(2)} s: ${result.events} events projected`,
    );
    out(
      `generation ${result.generation}: ${result.after.documents} documents, checksum ${result.after.sha256}`,
    );
    if (result.switched) {
      out(
        `previous ${result.previous}: ${result.before.documents} documents, checksum ${result.before.sha256}`,
      );
      out(
        result.before.sha256 === result.after.sha256
          ? 'read models identical to the previous generation'
          : 'read models differ from the previous generation (events recorded during the replay, or a projection changed)',
      );
      out(`live generation is now ${result.generation}`);
    } else {
      out(
        `built next to the live generation ${result.previous}; query it with ?generation=${result.generation}`,
      );
    }
    return 0;
  } finally {
    await stores.close();
  }
}
