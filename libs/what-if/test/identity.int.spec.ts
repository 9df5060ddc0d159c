import { SqliteEventStore } from '@fresh/event-store';
import { simulate, sizeForEvents } from '@fresh/simulation';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whatIf } from '../src';

/** `fresh simulate --events 100000` (seed 42, 2014-12-01..2015-12-31), then the scenario that is reality. */
const EVENTS = 100_000;

describe('what-if on the simulated log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-what-if-'));
  const store = new SqliteEventStore(join(dir, 'events.db'));
  beforeAll(async () => {
    await simulate(store, {
      ...sizeForEvents(EVENTS),
      seed: 42,
      from: '2014-12-01',
      to: '2015-12-31',
      maxEvents: EVENTS,
    });
  }, 600_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the identity scenario gives zero difference on every figure', async () => {
    const result = await whatIf(store, 'exp-2014', {}, { granularity: 'week' });
    expect(result.identityCheck).toBe(true);
    expect(result.changes.sales).toBeGreaterThan(10_000);
    expect(result.changes.unchanged).toBe(result.changes.sales);
    expect(result.totals.actual.all.payingClients).toBeGreaterThan(1_000);
    expect(result.totals.actual.all.publishedPartners).toBeGreaterThan(0);
    const zero = {
      sales: 0,
      retail: 0,
      discount: 0,
      net: 0,
      payingClients: 0,
      publishedPartners: 0,
    };
    expect(result.totals.difference).toEqual({ all: zero, csk: zero, 'non-csk': zero });
    for (const period of result.periods)
      for (const segment of ['all', 'csk', 'non-csk'] as const)
        expect(period.difference[segment]).toEqual({
          sales: 0,
          retail: 0,
          discount: 0,
          net: 0,
          newPayingClients: 0,
        });
    expect(result.partners).toEqual([]);
  }, 120_000);

  it('without the extension, every non-CSK sale after 2015-05-31 would be refused and no other', async () => {
    const result = await whatIf(store, 'exp-2014', { decisions: [] }, { granularity: 'month' });
    const after = result.periods.filter((p) => p.from > '2015-05-31');
    const nonCskAfter = after.reduce((n, p) => n + p.actual['non-csk'].sales, 0);
    expect(nonCskAfter).toBeGreaterThan(0);
    expect(result.changes.refused).toBe(nonCskAfter);
    expect(result.changes.refusedByCode).toEqual({ EXPERIMENT_NOT_ACTIVE: nonCskAfter });
    for (const p of after) expect(p.scenario['non-csk'].sales).toBe(0);
    expect(result.totals.difference.csk).toMatchObject({
      sales: 0,
      retail: 0,
      discount: 0,
      net: 0,
    });
  }, 120_000);
});
