import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Exposition, scrape } from './support/exposition';
import { tempDataDir } from './support/harness';
import { PinnedConnection } from './support/pinned-connection';
import { fresh, freePort, ServerProcess } from './support/server-process';

const keyOf = (output: string) => output.trim().split('\n').at(-1)!;

/** The service as `npm start` runs it, with FRESH_METRICS_PORT set: what Prometheus would scrape. */
describe('metrics on a port of their own', () => {
  let server: ServerProcess;
  let metricsUrl: string;
  let vendor: string;
  let partner: string;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    vendor = keyOf(fresh(['keys', 'create', '--role', 'vendor'], dataDir));
    partner = keyOf(fresh(['keys', 'create', '--role', 'partner', '--partner', 'P-001'], dataDir));
    const port = await freePort();
    server = await ServerProcess.start(dataDir, { FRESH_METRICS_PORT: String(port) });
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
  }, 60_000);
  afterAll(() => server?.killHard());

  const send = async (method: string, path: string, key: string, body: unknown) => {
    const answer = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: answer.status, body: await answer.json() };
  };
  const sale = (saleId: string, soldOn: string) =>
    send('POST', '/api/v1/sales', partner, {
      saleId,
      partnerId: 'P-001',
      clientId: 'C-001',
      positionCode: 'BP-5-12',
      quantity: 1,
      soldOn,
    });
  const sales = (metrics: Exposition, labels: Record<string, string>) =>
    metrics.value('fresh_commands_total', { command: 'SellSubscription', ...labels }) ?? 0;

  it('serves the exposition on 127.0.0.1:FRESH_METRICS_PORT/metrics, and nothing else there', async () => {
    const answer = await fetch(metricsUrl);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const metrics = Exposition.parse(await answer.text());
    for (const family of [
      'fresh_http_request_duration_seconds',
      'fresh_commands_total',
      'fresh_event_store_append_duration_seconds',
      'fresh_event_store_append_conflicts_total',
      'fresh_projector_position',
      'fresh_projector_lag_events',
      'fresh_projector_lag_seconds',
      'fresh_projector_state',
      'fresh_store_up',
      'fresh_rate_limited_total',
      'fresh_what_if_running',
      'fresh_what_if_read_progress_ratio',
      'fresh_process_cpu_seconds_total',
      'fresh_nodejs_eventloop_lag_seconds',
    ])
      expect(metrics.families).toContain(family);
    expect(
      metrics.value('fresh_projector_state', { projection: 'projector', state: 'running' }),
    ).toBe(1);
    expect(
      metrics.value('fresh_projector_state', { projection: 'projector', state: 'stalled' }),
    ).toBe(0);
    expect(metrics.value('fresh_store_up', { store: 'events' })).toBe(1);
    expect(metrics.value('fresh_store_up', { store: 'reads' })).toBe(1);
    // ServerProcess.start polled /health until it answered 200.
    expect(
      metrics.value('fresh_http_request_duration_seconds_count', {
        route: '/health',
        method: 'GET',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);

    expect((await fetch(metricsUrl.replace('/metrics', '/health'))).status).toBe(404);
  });

  it('is never served on the API port: /metrics there is 404 problem+json', async () => {
    const answer = await fetch(`${server.url}/metrics`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await answer.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('counts a sale once as accepted, a refused one under its rule code, and the projector reaches the sale', async () => {
    expect(
      (
        await send('POST', '/api/v1/partners', vendor, {
          partnerId: 'P-001',
          name: 'ООО «Альфа»',
          country: 'RU',
          franchisee: true,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send('PUT', '/api/v1/price-list', vendor, {
          effectiveFrom: '2014-12-01',
          cskDiscountRate: '0.50',
          positions: [
            { code: 'BP-5-12', name: 'Бухгалтерия предприятия', retailPrice: '12345.67' },
          ],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send('POST', '/api/v1/experiments', vendor, {
          experimentId: 'exp-2014',
          startsOn: '2014-12-08',
          endsOn: '2015-05-31',
          discountRate: '0.20',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send('POST', '/api/v1/clients', partner, {
          clientId: 'C-001',
          partnerId: 'P-001',
          inn: '7707083893',
          name: 'ООО «Ромашка»',
          application: 'Бухгалтерия предприятия',
          workplaces: 3,
          basis: 'itsaas',
          connectedOn: '2014-12-10',
        })
      ).status,
    ).toBe(201);

    const before = await scrape(metricsUrl);
    const sold = await sale('S-001', '2015-01-15');
    expect(sold.status).toBe(201);
    const after = await scrape(metricsUrl);
    expect(sales(after, { outcome: 'accepted' })).toBe(sales(before, { outcome: 'accepted' }) + 1);
    expect(
      after.value('fresh_commands_total', { command: 'RegisterPartner', outcome: 'accepted' }),
    ).toBe(1);
    // The route's template, never the URL asked for.
    expect(
      after.value('fresh_http_request_duration_seconds_count', {
        route: '/api/v1/sales',
        method: 'POST',
        status: '201',
      }),
    ).toBe(1);
    const appends = (m: Exposition) =>
      m.value('fresh_event_store_append_duration_seconds_count', { result: 'ok' }) ?? 0;
    expect(appends(after)).toBe(appends(before) + 1); // one append: SubscriptionSold + DiscountApplied

    const refused = await sale('S-002', '2015-06-01');
    expect([refused.status, refused.body.code]).toEqual([422, 'EXPERIMENT_NOT_ACTIVE']);
    const afterRefusal = await scrape(metricsUrl);
    expect(sales(afterRefusal, { outcome: 'refused', code: 'EXPERIMENT_NOT_ACTIVE' })).toBe(1);
    expect(sales(afterRefusal, { outcome: 'accepted' })).toBe(
      sales(after, { outcome: 'accepted' }),
    );

    // A moment later, the projector's position is the sale's (its last event's) or beyond.
    const salePosition = Number(sold.body.events.at(-1).position);
    let metrics = afterRefusal;
    const position = () =>
      metrics.value('fresh_projector_position', { projection: 'projector' }) ?? -1;
    for (const until = Date.now() + 10_000; position() < salePosition;) {
      if (Date.now() > until) throw new Error(`the projector stayed at ${position()}`);
      await new Promise((r) => setTimeout(r, 50));
      metrics = await scrape(metricsUrl);
    }
    expect(position()).toBeGreaterThanOrEqual(salePosition);
    // Caught up: nothing left to apply once the refusal's journal entry is projected too.
    for (const until = Date.now() + 10_000; ;) {
      metrics = await scrape(metricsUrl);
      if (metrics.value('fresh_projector_lag_events', { projection: 'projector' }) === 0) break;
      if (Date.now() > until) throw new Error('the projector did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(metrics.value('fresh_projector_lag_seconds', { projection: 'projector' })).toBe(0);
  });

  it('labels a request no route matched as one "unmatched" route, whatever its URL', async () => {
    expect((await fetch(`${server.url}/no/such/path-12345`)).status).toBe(404);
    const metrics = await scrape(metricsUrl);
    expect(metrics.series('path-12345')).toEqual([]);
    expect(
      metrics.value('fresh_http_request_duration_seconds_count', {
        route: 'unmatched',
        method: 'GET',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('the metrics port on SIGTERM', () => {
  it("is closed with the service, and a scraper's keep-alive connection with it: exit 0 in the grace", async () => {
    const port = await freePort();
    const server = await ServerProcess.start(tempDataDir(), {
      FRESH_METRICS_PORT: String(port),
      FRESH_SHUTDOWN_GRACE_MS: '3000',
      FRESH_LOG_LEVEL: 'info',
    });
    try {
      // fetch keeps the connection open, as Prometheus does between scrapes.
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(server.output).toContain('stopped on SIGTERM');
    } finally {
      await server.killHard();
    }
  });
});

describe('FRESH_METRICS_PORT', () => {
  const start = (env: Record<string, string>) =>
    spawnSync('node', [join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js')], {
      env: { ...process.env, FRESH_DATA_DIR: tempDataDir(), PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('refuses to start with a value that is not a port, with a line saying so', () => {
    const run = start({ FRESH_METRICS_PORT: 'ninety' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'fresh-partners could not start: FRESH_METRICS_PORT must be a port number (1-65535), not "ninety"',
    );
  });
});

describe('metrics with FRESH_WORKERS=2', () => {
  it('are served once, by the primary, with every worker’s requests summed', async () => {
    const port = await freePort();
    const server = await ServerProcess.start(tempDataDir(), {
      FRESH_WORKERS: '2',
      FRESH_METRICS_PORT: String(port),
      FRESH_LOG_LEVEL: 'info',
    });
    const connections: PinnedConnection[] = [];
    try {
      connections.push(...(await PinnedConnection.toWorkers(server.url, 2)));
      const [a, b] = connections;
      const healthChecks = async () =>
        (await scrape(`http://127.0.0.1:${port}/metrics`)).value(
          'fresh_http_request_duration_seconds_count',
          { route: '/health', method: 'GET', status: '200' },
        ) ?? 0;
      const before = await healthChecks();
      for (let i = 0; i < 3; i++) expect((await a.call('GET', '/health')).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await b.call('GET', '/health')).status).toBe(200);
      // 3 on one worker and 2 on the other: 5 only when both workers' counts are in the sum.
      expect((await healthChecks()) - before).toBe(5);
      for (const connection of connections.splice(0)) connection.close();
      expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      // The primary closed the metrics port with the workers.
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    } finally {
      for (const connection of connections) connection.close();
      await server.killHard();
    }
  }, 60_000);
});
