import { SqliteEventStore } from '@fresh/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planAgenda, simulate } from '../src';

const options = { partners: 15, clients: 250, seed: 7, from: '2014-12-01', to: '2015-12-31' };
const run = async (seed: number, maxEvents?: number) => {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'fresh-sim-')), 'events.db'));
  try {
    return await simulate(store, { ...options, seed, maxEvents });
  } finally {
    await store.close();
  }
};

describe('fresh simulate', () => {
  it('gives the same log, to the byte, for the same seed, and another for another seed', async () => {
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(a.log.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.log).toEqual(a.log);
    expect(b.recorded).toEqual(a.recorded);
    expect(b.refused).toEqual(a.refused);
    expect(c.log.sha256).not.toBe(a.log.sha256);
  });

  it('applies the rules: every command is recorded or refused with a rule code', async () => {
    const summary = await run(7);
    const agenda = planAgenda(options);
    const refusals = Object.values(summary.refused).reduce((s, n) => s + n, 0);
    const accepted = agenda.length - refusals;
    const sales = summary.recorded.SubscriptionSold;
    expect(summary.commands).toBe(agenda.length);
    expect(summary.recorded.DiscountApplied).toBe(sales);
    expect(summary.recorded.PartnerRegistered).toBe(15);
    expect(summary.events).toBe(Object.values(summary.recorded).reduce((s, n) => s + n, 0));
    expect(summary.events).toBe(summary.log.events);
    // One event per accepted command, two for a sale.
    expect(summary.events).toBe(accepted + sales);
    expect(Object.keys(summary.refused).every((code) => /^[A-Z_]+$/.test(code))).toBe(true);
    expect(summary.refused.NOT_RUSSIAN_FRANCHISEE ?? 0).toBeGreaterThan(0);
  });

  it('stops at the number of events asked for', async () => {
    const summary = await run(7, 300);
    expect(summary.events).toBeGreaterThanOrEqual(300);
    expect(summary.events).toBeLessThanOrEqual(301);
  });
});
