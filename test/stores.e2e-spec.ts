import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EsdbStandIn } from './esdb-stand-in/esdb-stand-in';
import { Harness, tempDataDir } from './support/harness';
import { seedProgramme } from './support/programme';

const ROOT = join(__dirname, '..');

describe('the service on EventStoreDB (the gRPC stand-in)', () => {
  let standIn: EsdbStandIn;
  let api: Harness;
  beforeAll(async () => {
    standIn = new EsdbStandIn();
    // With user info, as a secure server needs it: the password must reach no answer.
    const connectionString = (await standIn.start()).replace('//', '//admin:s3cret@');
    api = await Harness.start(tempDataDir(), 64 * 1024, { kind: 'esdb', connectionString });
  });
  afterAll(async () => {
    await api.close();
    await standIn.stop();
  });

  const waitFor = async (ready: () => Promise<boolean>) => {
    for (const until = Date.now() + 15_000; Date.now() < until;) {
      if (await ready()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timed out');
  };

  it('decides, records and projects as on SQLite; 503 while the store is gone; recovers by itself', async () => {
    const world = await seedProgramme(api);
    await world.ok('POST', '/api/v1/clients', world.client('C1'), world.p1);
    const sale = await world.ok(
      'POST',
      '/api/v1/sales',
      {
        saleId: 'S1',
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'BP-5-12',
        quantity: 1,
        soldOn: '2015-01-15',
      },
      world.p1,
    );
    expect(sale.body.events[1].data).toMatchObject({
      rule: 'non-csk-experiment',
      discount: '2469.13',
      net: '9876.54',
    });
    expect(BigInt(sale.body.events[1].position)).toBeGreaterThan(2n ** 64n);
    // Written as against a 24.10 server: through BatchAppend, which the stand-in advertises.
    expect(standIn.batchAppends).toBeGreaterThan(0);
    await api.settled();
    const analyst = api.key('analyst');
    const rankings = await api.call('GET', '/api/v1/rankings?asOf=2015-01-31', { key: analyst });
    expect(
      rankings.body.items.find((i: { partnerId: string }) => i.partnerId === 'P1'),
    ).toMatchObject({ connectedClients: 1, net: '9876.54' });
    const auditor = api.key('auditor');
    expect(
      (await api.call('GET', '/api/v1/audit/sales/S1', { key: auditor })).body.rederived.matches,
    ).toBe(true);
    expect((await api.call('GET', '/api/v1/audit/verify', { key: auditor })).body.intact).toBe(
      true,
    );

    await standIn.stop();
    const refused = await api.call('POST', '/api/v1/partners', {
      key: world.vendor,
      body: { partnerId: 'P7', name: 'x', country: 'RU', franchisee: true },
    });
    expect([refused.status, refused.body.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    expect(refused.body.detail).toMatch(
      /^EventStoreDB at kurrentdb:\/\/\*\*\*@127\.0\.0\.1:\d+\?tls=false is unreachable: /,
    );
    const health = await api.call('GET', '/health');
    expect([health.status, health.body.stores.eventStore]).toEqual([503, 'down']);
    expect(JSON.stringify([refused.body, health.body])).not.toContain('s3cret');

    await standIn.start();
    await waitFor(async () => (await api.call('GET', '/health')).status === 200);
    const accepted = await api.call('POST', '/api/v1/partners', {
      key: world.vendor,
      body: { partnerId: 'P7', name: 'x', country: 'RU', franchisee: true },
    });
    expect(accepted.status).toBe(201);
    await waitFor(
      async () => (await api.call('GET', '/api/v1/partners/P7', { key: analyst })).status === 200,
    );
  }, 60_000);
});

describe('a store that cannot be reached at start', () => {
  const start = (env: Record<string, string>) =>
    spawnSync('node', [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
      env: {
        ...process.env,
        FRESH_DATA_DIR: tempDataDir(),
        PORT: '0',
        FRESH_LOG_LEVEL: 'warn',
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('EventStoreDB on a closed port: one clear line and exit code 1', () => {
    const run = start({
      FRESH_EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'fresh-partners could not start: cannot reach the event store: EventStoreDB at kurrentdb://***@127.0.0.1:1?tls=false does not answer; check that it runs and that EVENTSTORE_CONNECTION_STRING points to it',
    ]);
  });

  it('MongoDB on a closed port: one clear line and exit code 1', () => {
    const run = start({
      FRESH_READ_STORE: 'mongo',
      MONGODB_URI: 'mongodb://fresh:s3cret@127.0.0.1:1/fresh',
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^fresh-partners could not start: cannot reach the read store: MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/fresh does not answer \(.+\); check that it runs and that MONGODB_URI points to it$/,
    );
  });

  it('a store name it does not know: one clear line', () => {
    const run = start({ FRESH_EVENT_STORE: 'postgres' });
    expect([run.status, run.stderr.trim()]).toEqual([
      1,
      'fresh-partners could not start: FRESH_EVENT_STORE must be sqlite or esdb, not "postgres"',
    ]);
  });
});
