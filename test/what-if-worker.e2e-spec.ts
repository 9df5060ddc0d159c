import { EventStore } from '@fresh/event-store';
import {
  presentWhatIf,
  ScenarioError,
  UnknownExperimentError,
  whatIf,
  WhatIfThread,
} from '@fresh/what-if';
import { join } from 'node:path';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';
import { fresh, ServerProcess } from './support/server-process';

/** The worker as `npm run build` compiles it (jest's global setup builds dist/). */
const WORKER = join(__dirname, '..', 'dist', 'libs', 'what-if', 'src', 'what-if-worker.js');

/**
 * The what-if worker thread reads the log file itself and answers as the in-thread evaluation does.
 * The world: the letter's (P1 not CSK, 20 %), S-C1 BP-5-12 × 1 on 2015-01-15 paid 01-20, S-C2
 * UT-1-1 × 2 on 2015-04-10; later S-C3 BP-5-12 × 1 on 2015-05-20.
 */
describe('what-if in a worker thread', () => {
  let api: Harness;
  let thread: WhatIfThread;
  let sell: (clientId: string, code: string, quantity: number, soldOn: string) => Promise<unknown>;
  const scenario = { discountRate: '0.15', endsOn: '2015-03-31' };

  beforeAll(async () => {
    api = await Harness.start();
    const { vendor, p1, ok, client } = await seedProgramme(api);
    for (const id of ['C1', 'C2', 'C3']) await ok('POST', '/api/v1/clients', client(id), p1);
    sell = (clientId, positionCode, quantity, soldOn) =>
      ok(
        'POST',
        '/api/v1/sales',
        { saleId: `S-${clientId}`, partnerId: 'P1', clientId, positionCode, quantity, soldOn },
        p1,
      );
    await sell('C1', 'BP-5-12', 1, '2015-01-15');
    await ok(
      'POST',
      '/api/v1/sales/S-C1/payment',
      { paidOn: '2015-01-20', amount: '9876.54' },
      vendor,
    );
    await sell('C2', 'UT-1-1', 2, '2015-04-10');
    thread = new WhatIfThread(join(api.dataDir, 'events.db'), WORKER);
  });
  afterAll(async () => {
    await thread.close();
    await api.close();
  });

  const inThread = () =>
    whatIf(api.app.get(EventStore), 'exp-2014', scenario, { granularity: 'month' });

  it('answers as the evaluation on this thread does, to the kopeck', async () => {
    const answer = await thread.ask('exp-2014', scenario, 'month');
    expect(answer).toEqual(await inThread());
    // S-C1 at 15 %: 12345.67 × 0.15 = 1851.8505 → 1851.85; S-C2 refused after 2015-03-31.
    expect(answer.totals.scenario.all).toMatchObject({
      sales: 1,
      retail: 1_234_567,
      discount: 185_185,
      net: 1_049_382,
    });
    expect(answer.changes.refusedByCode).toEqual({ EXPERIMENT_NOT_ACTIVE: 1 });
  });

  it('reads what was appended since its last answer', async () => {
    await thread.ask('exp-2014', scenario, 'month');
    await sell('C3', 'BP-5-12', 1, '2015-05-20');
    const answer = await thread.ask('exp-2014', scenario, 'month');
    expect(answer.changes.sales).toBe(3);
    expect(answer.changes.refusedByCode).toEqual({ EXPERIMENT_NOT_ACTIVE: 2 });
    expect(answer).toEqual(await inThread());
  });

  it('gives back what it cannot answer as the errors the route turns into problems', async () => {
    await expect(thread.ask('exp-1999', scenario, 'month')).rejects.toBeInstanceOf(
      UnknownExperimentError,
    );
    const wrong = await thread.ask('exp-2014', { endsOn: '2015-13-01' }, 'month').catch((e) => e);
    expect(wrong).toBeInstanceOf(ScenarioError);
    expect((wrong as ScenarioError).field).toBe('scenario.endsOn');
    // Still answering after a refusal.
    expect((await thread.ask('exp-2014', {}, 'week')).identityCheck).toBe(true);
  });

  it('is how the built service answers over HTTP', async () => {
    const server = await ServerProcess.start(api.dataDir);
    try {
      const analyst = fresh(['keys', 'create', '--role', 'analyst'], api.dataDir)
        .trim()
        .split('\n')
        .at(-1)!;
      const response = await fetch(`${server.url}/api/v1/experiments/exp-2014/what-if`, {
        method: 'POST',
        headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scenario }),
      });
      expect(response.status).toBe(200);
      const presented = JSON.parse(JSON.stringify(presentWhatIf(await inThread())));
      expect(await response.json()).toEqual(presented);
    } finally {
      await server.stop('SIGTERM');
    }
  });
});
