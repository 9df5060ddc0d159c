import { EmbeddedReadStore, replay } from '@fresh/read-models';
import { join } from 'node:path';
import { sealedLog } from './sealed-log';

/** Run as its own process, so its peak memory is the replay's alone. Prints one JSON line. */
async function main(dataDir: string) {
  const events = sealedLog(dataDir); // personal fields opened as the service reads them
  const reads = new EmbeddedReadStore(join(dataDir, 'read-models.db'));
  const result = await replay(events, reads);
  await events.close();
  await reads.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ events: result.events, seconds: result.seconds, peakRssMb })}\n`,
  );
}

void main(process.argv[2]);
