import { ApiKeys, ServiceDatabase } from '@fresh/access';
import { RecordedEvent, SqliteEventStore } from '@fresh/event-store';
import { join } from 'node:path';
import { ServerProcess } from './server-process';

/** Commands sent with Idempotency-Keys to the real service processes, and what the log holds. */

/** A command as a partner system keeps it until it has an answer: key, route and body. */
export interface Command {
  key: string;
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
}

export interface Answered {
  status: number;
  replayed: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Registrations (one stream each) and price lists (all in one stream, which writers contend for). */
export function commandNo(i: number): Command {
  if (i % 4 === 3) {
    const day = new Date(Date.UTC(2014, 11, 1) + i * 86_400_000).toISOString().slice(0, 10);
    return {
      key: `price-list-${i}`,
      method: 'PUT',
      path: '/api/v1/price-list',
      body: {
        effectiveFrom: day,
        cskDiscountRate: '0.50',
        positions: [{ code: 'BP-5-12', name: 'Бухгалтерия, 5 мест', retailPrice: `${100 + i}.00` }],
      },
    };
  }
  return {
    key: `register-${i}`,
    method: 'POST',
    path: '/api/v1/partners',
    body: { partnerId: `P-${i}`, name: `Партнёр ${i}`, country: 'RU', franchisee: true },
  };
}

export async function send(
  server: ServerProcess,
  key: string,
  command: Command,
): Promise<Answered> {
  const response = await fetch(`${server.url}${command.path}`, {
    method: command.method,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': command.key,
    },
    body: JSON.stringify(command.body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    body: await response.json(),
  };
}

export async function until(
  condition: () => Promise<boolean> | boolean,
  what: string,
  ms = 15_000,
) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function readLog(dataDir: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  try {
    return await store.readAll({ maxCount: 1_000_000 });
  } finally {
    await store.close();
  }
}

/** Each Idempotency-Key (hashed in the metadata) with the events recorded under it, in order. */
export function recordingsByKey(log: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byKey = new Map<string, RecordedEvent[]>();
  for (const event of log) {
    const key = event.metadata.idempotency?.key;
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  return byKey;
}

/** A vendor key, written straight into service.db (what `fresh keys create` does, without a process). */
export function vendorKey(dataDir: string): string {
  const database = new ServiceDatabase(dataDir);
  try {
    return new ApiKeys(database).create('vendor', {}, new Date()).secret;
  } finally {
    database.close();
  }
}
