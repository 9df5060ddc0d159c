import { SqliteEventStore } from '@fresh/event-store';
import { EmbeddedReadStore } from '@fresh/read-models';
import { join } from 'node:path';

/** The embedded stores of a data dir, opened the same way the service opens them. */
export function openStores(dataDir: string) {
  const events = new SqliteEventStore(join(dataDir, 'events.db'));
  const reads = new EmbeddedReadStore(join(dataDir, 'read-models.db'));
  return {
    events,
    reads,
    close: async () => {
      await events.close();
      await reads.close();
    },
  };
}
