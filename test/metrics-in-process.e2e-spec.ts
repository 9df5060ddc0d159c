import { ServiceMetrics, serveMetrics, closeMetrics } from '../apps/api/src/metrics';
import { Exposition } from './support/exposition';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

const read = async (api: Harness) =>
  Exposition.parse(await api.app.get(ServiceMetrics).registry.metrics());

describe('rate-limit refusals in the metrics', () => {
  let api: Harness;
  // 0.2 requests per second over the 10 s window: 2 requests, then 429.
  beforeAll(async () => {
    api = await Harness.start(undefined, undefined, undefined, { rateLimit: 0.2 });
  });
  afterAll(() => api.close());

  it('counts each 429, by what the request counted against', async () => {
    const key = api.key('analyst');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.call('GET', '/health', { key })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const metrics = await read(api);
    expect(metrics.value('fresh_rate_limited_total', { by: 'key' })).toBe(2);
    expect(metrics.value('fresh_rate_limited_total', { by: 'address' })).toBeUndefined();
    expect(
      metrics.value('fresh_http_request_duration_seconds_count', {
        route: '/health',
        method: 'GET',
        status: '429',
      }),
    ).toBe(2);
  });
});

describe('what-if progress in the metrics', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await Harness.start();
    await seedProgramme(api);
  });
  afterAll(() => api.close());

  it('counts each scenario by outcome, and shows the log read to the end', async () => {
    const analyst = api.key('analyst');
    const ask = (experimentId: string) =>
      api.call('POST', `/api/v1/experiments/${experimentId}/what-if`, {
        key: analyst,
        body: { scenario: { discountRate: '0.15' } },
      });
    expect((await ask('exp-2014')).status).toBe(200);
    expect((await ask('exp-1999')).status).toBe(404);
    const metrics = await read(api);
    expect(metrics.value('fresh_what_if_scenarios_total', { outcome: 'answered' })).toBe(1);
    expect(metrics.value('fresh_what_if_scenarios_total', { outcome: 'refused' })).toBe(1);
    expect(metrics.value('fresh_what_if_running')).toBe(0);
    expect(metrics.value('fresh_what_if_read_progress_ratio')).toBe(1);
  });
});

describe('the metrics server', () => {
  it('answers GET /metrics only, and closes with its keep-alive connections', async () => {
    const metrics = new ServiceMetrics();
    metrics.rateLimited.inc({ by: 'key' });
    const server = await serveMetrics(metrics.registry, 0, '127.0.0.1');
    const { port } = server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const answer = await fetch(`${base}/metrics?x=1`);
    expect(answer.status).toBe(200);
    expect(
      Exposition.parse(await answer.text()).value('fresh_rate_limited_total', { by: 'key' }),
    ).toBe(1);
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
    await closeMetrics(server);
    await expect(fetch(`${base}/metrics`)).rejects.toThrow();
  });

  it('tells why when its port is taken', async () => {
    const first = await serveMetrics(new ServiceMetrics().registry, 0, '127.0.0.1');
    const { port } = first.address() as { port: number };
    try {
      await expect(serveMetrics(new ServiceMetrics().registry, port, '127.0.0.1')).rejects.toThrow(
        `cannot serve metrics on 127.0.0.1:${port} (FRESH_METRICS_HOST, FRESH_METRICS_PORT): listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      );
    } finally {
      await closeMetrics(first);
    }
  });
});
