import { DomainEvent, SCHEMA_VERSIONS } from '@fresh/domain';
import { NewEvent, SqliteEventStore } from '@fresh/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catchUp, evaluateScenario, readWhatIfRecord, WhatIfRecord } from '../src';
import { BP, extended, paid, registered, sold, started } from './given-record';

const recorded = (event: DomainEvent): NewEvent => ({
  type: event.type,
  schemaVersion: SCHEMA_VERSIONS[event.type],
  data: event.data,
  metadata: {
    eventId: `e-${Math.floor(Math.random() * 1e9)}`,
    correlationId: 'c',
    causationId: 'c',
    actor: { keyId: 'k', role: 'vendor' },
    businessDate: '2015-01-01',
    recordedAt: '2015-01-01T00:00:00.000Z',
    command: { type: 'T', route: 'test', receivedAt: '2015-01-01T00:00:00.000Z' },
  },
});
const sale = (saleId: string, clientId: string, soldOn: string) =>
  sold({
    saleId,
    partnerId: 'P-1',
    clientId,
    soldOn,
    unitPrice: BP,
    quantity: 1,
    csk: false,
    rate: '0.20',
  });

describe('what-if record: caught up with the log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-what-if-'));
  const store = new SqliteEventStore(join(dir, 'events.db'));
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads only what was appended since, across pages, and stops at the head', async () => {
    await store.append('partner-P-1', [recorded(registered('P-1'))], 'no_stream');
    await store.append('experiments', [recorded(started), recorded(extended)], 'no_stream');
    for (let i = 0; i < 5; i++)
      await store.append(
        `sale-S-${i}`,
        [recorded(sale(`S-${i}`, `C-${i}`, '2015-01-15'))],
        'no_stream',
      );
    const record = new WhatIfRecord();
    const progress: number[][] = [];
    await catchUp(store, record, (position, head) => progress.push([position, head]), 2);
    expect(record.sales.map((s) => s.saleId)).toEqual(['S-0', 'S-1', 'S-2', 'S-3', 'S-4']);
    const head = await store.headPosition();
    expect(record.position).toBe(head);
    expect(progress.at(-1)).toEqual([Number(head), Number(head)]);
    expect(progress.length).toBeGreaterThan(2);

    await store.append('sale-S-5', [recorded(sale('S-5', 'C-5', '2015-06-15'))], 'no_stream');
    await store.append('sale-S-5', [recorded(paid('S-5', 'P-1', 'C-5', '2015-06-20'))], 0);
    await catchUp(store, record);
    expect(record.sales.map((s) => s.saleId)).toEqual(['S-0', 'S-1', 'S-2', 'S-3', 'S-4', 'S-5']);
    expect(record.payments).toEqual([
      { saleId: 'S-5', sale: 5, partnerId: 'P-1', clientId: 'C-5', paidOn: '2015-06-20' },
    ]);
    // Caught up piecewise, it answers as one read from the start does.
    const fresh = await readWhatIfRecord(store);
    const ask = (r: WhatIfRecord) =>
      evaluateScenario(r, 'exp-2014', { decisions: [] }, { granularity: 'month' });
    expect(await ask(record)).toEqual(await ask(fresh));
    expect((await ask(record)).changes.refusedByCode).toEqual({ EXPERIMENT_NOT_ACTIVE: 1 });
  });
});
