import { SqliteEventStore } from '@fresh/event-store';
import { join } from 'node:path';
import { VerifyRunner } from '../apps/api/src/infrastructure/verify-runner';
import { Harness, tempDataDir } from './support/harness';

const STREAMS = 30;
const PER_STREAM = 1_000;

const metadata = {
  eventId: 'e',
  correlationId: 'c',
  causationId: 'c',
  actor: { keyId: 'key_test', role: 'partner' },
  businessDate: '2015-01-15',
  recordedAt: '2015-01-15T09:00:00.000Z',
  command: { type: 'T', route: 'R', receivedAt: '2015-01-15T09:00:00.000Z' },
};

describe('GET /api/v1/audit/verify on a large log', () => {
  let api: Harness;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const events = new SqliteEventStore(join(dataDir, 'events.db'));
    for (let s = 0; s < STREAMS; s++)
      await events.append(
        `sale-S${s}`,
        Array.from({ length: PER_STREAM }, (_, r) => ({
          type: 'SubscriptionSold',
          schemaVersion: 1,
          data: { saleId: `S${s}`, n: r },
          metadata,
        })),
        'no_stream',
      );
    await events.close();
    api = await Harness.start(dataDir);
    await api.settled();
  }, 60_000);
  afterAll(() => api.close());

  it('leaves the service answering /health while it walks the log, in a worker thread', async () => {
    const auditor = api.key('auditor');
    const verifier = api.app.get(VerifyRunner);
    const answer = await fetch(`${api.url}/api/v1/audit/verify/progress`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auditor}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const reader = answer.body!.pipeThrough(new TextDecoderStream()).getReader();
    let told = (await reader.read()).value!;
    expect(told).toMatch(/^event: progress\ndata: \{"phase":"chains","events":2000,/);
    // The verify is under way: /health answers meanwhile, and the walk has not ended.
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(200);
    expect(verifier.inProgress).toBe(1);
    for (let part = await reader.read(); !part.done; part = await reader.read()) told += part.value;
    const result = told.split('\n\n').filter(Boolean).at(-1)!;
    expect(JSON.parse(result.replace(/^event: result\ndata: /, ''))).toMatchObject({
      intact: true,
      chains: { intact: true, checked: STREAMS * PER_STREAM },
      tree: { extendsCheckpoint: true },
    });
    // Its worker then exits.
    for (const until = Date.now() + 10_000; verifier.inProgress > 0;) {
      if (Date.now() > until) throw new Error('the verify worker did not exit');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  it('answers GET /api/v1/audit/verify as before', async () => {
    const verify = await api.call('GET', '/api/v1/audit/verify', { key: api.key('auditor') });
    expect(verify.body).toEqual({ intact: true, checked: STREAMS * PER_STREAM });
  });
});
