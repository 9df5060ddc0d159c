import {
  getSQLiteEventStore,
  readMessagesBatch,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import { NewEvent, SqliteEventStore } from '@fresh/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timed } from './measure';

const STREAMS = 100;

/** Events like a DiscountApplied, the same for both stores; ours also carry their metadata. */
function sampleEvent(i: number): NewEvent {
  return {
    type: 'DiscountApplied',
    schemaVersion: 1,
    data: {
      saleId: `S${i}`,
      partnerId: `P${i % 700}`,
      clientId: `C${i % 20000}`,
      rule: 'non-csk-experiment',
      rate: '0.20',
      retail: 1_234_567,
      discount: 246_913,
      net: 987_654,
      policyVersion: 'v1',
      inputs: {
        partner: { streamId: `partner-P${i % 700}`, revision: 3, csk: false },
        soldOn: '2015-01-15',
        quantity: 1,
      },
    },
    metadata: {
      eventId: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
      correlationId: `c${i}`,
      causationId: `c${i}`,
      actor: { keyId: 'key_bench', role: 'partner' },
      businessDate: '2015-01-15',
      recordedAt: '2015-01-15T09:00:00.000Z',
      command: {
        type: 'SellSubscription',
        route: 'POST /api/v1/sales',
        receivedAt: '2015-01-15T09:00:00.000Z',
      },
    },
  };
}

const dir = () => mkdtempSync(join(tmpdir(), 'fresh-bench-'));

/** Appends `count` events in batches of `batch` to 100 streams, round robin; events per second. */
async function appendProject(
  count: number,
  batch: number,
): Promise<{ perSec: number; file: string }> {
  const file = join(dir(), 'events.db');
  const store = new SqliteEventStore(file);
  const revisions = new Array<number>(STREAMS).fill(-1);
  const { seconds } = await timed(async () => {
    for (let i = 0, b = 0; i < count; i += batch, b++) {
      const s = b % STREAMS;
      const events = Array.from({ length: Math.min(batch, count - i) }, (_, k) =>
        sampleEvent(i + k),
      );
      const { nextRevision } = await store.append(
        `sale-${s}`,
        events,
        revisions[s] < 0 ? 'no_stream' : revisions[s],
      );
      revisions[s] = nextRevision;
    }
  });
  await store.close();
  return { perSec: count / seconds, file };
}

async function appendEmmett(
  count: number,
  batch: number,
): Promise<{ perSec: number | null; file: string; error?: string }> {
  const file = join(dir(), 'emmett.db');
  const store = getSQLiteEventStore({
    fileName: file,
    schema: { autoMigration: 'CreateOrUpdate' },
  });
  try {
    const { seconds } = await timed(async () => {
      for (let i = 0, b = 0; i < count; i += batch, b++) {
        const events = Array.from({ length: Math.min(batch, count - i) }, (_, k) => {
          const { type, data } = sampleEvent(i + k);
          return { type, data: data as Record<string, unknown> };
        });
        await store.appendToStream(`sale-${b % STREAMS}`, events);
      }
    });
    return { perSec: count / seconds, file };
  } catch (error) {
    return { perSec: null, file, error: error instanceof Error ? error.message : String(error) };
  }
}

async function readProject(file: string): Promise<number> {
  const store = new SqliteEventStore(file);
  let count = 0;
  const { seconds } = await timed(async () => {
    for (let after: bigint | undefined; ;) {
      const batch = await store.readAll({ after, maxCount: 1_000 });
      if (batch.length === 0) return;
      count += batch.length;
      after = batch[batch.length - 1].position;
    }
  });
  await store.close();
  return count / seconds;
}

/** Emmett's read rate; null when its store fails (the peer's crash is recorded as its result). */
async function readEmmett(file: string): Promise<number | null> {
  const connection = sqliteConnection({ fileName: file });
  let count = 0;
  const read = timed(async () => {
    for (let after = 0n; ;) {
      const { messages, currentGlobalPosition, areEventsLeft } = await readMessagesBatch(
        connection,
        { after, batchSize: 1_000 },
      );
      count += messages.length;
      after = currentGlobalPosition;
      if (!areEventsLeft || messages.length === 0) return;
    }
  });
  try {
    const { seconds } = await read;
    return count / seconds;
  } catch {
    return null;
  } finally {
    connection.close();
  }
}

export async function appendAndReadBench(count: number) {
  const small = Math.max(1_000, Math.round(count / 10));
  const project = {
    batch1000: await appendProject(count, 1_000),
    batch10: await appendProject(small, 10),
    single: await appendProject(Math.round(small / 2), 1),
  };
  const emmett = {
    batch1000: await appendEmmett(count, 1_000),
    batch10: await appendEmmett(small, 10),
  };
  const read = {
    project: await readProject(project.batch1000.file),
    emmett: emmett.batch1000.perSec === null ? null : await readEmmett(emmett.batch1000.file),
  };
  const ratio = (a: number, b: number | null) => (b ? a / b : null);
  return {
    append: {
      project: {
        batch1000PerSec: project.batch1000.perSec,
        batch10PerSec: project.batch10.perSec,
        singlePerSec: project.single.perSec,
      },
      emmett: {
        batch1000PerSec: emmett.batch1000.perSec,
        batch10PerSec: emmett.batch10.perSec,
        ...(emmett.batch1000.error || emmett.batch10.error
          ? { error: emmett.batch1000.error ?? emmett.batch10.error }
          : {}),
      },
      ratio: {
        batch1000: ratio(project.batch1000.perSec, emmett.batch1000.perSec),
        batch10: ratio(project.batch10.perSec, emmett.batch10.perSec),
      },
    },
    read: {
      projectPerSec: read.project,
      emmettPerSec: read.emmett,
      ratio: ratio(read.project, read.emmett),
    },
  };
}
