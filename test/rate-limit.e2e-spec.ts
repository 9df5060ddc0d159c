import { ConfigError } from '@fresh/stores';
import { configFromEnv, DEFAULT_RATE_LIMIT } from '../apps/api/src/config';
import { RATE_WINDOW_SECONDS } from '../apps/api/src/http/transport';
import { Answer, Harness } from './support/harness';

const PER_SECOND = 2;
const MAX = PER_SECOND * RATE_WINDOW_SECONDS; // 20 requests per 10 s window

function expectRateLimited(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(RATE_WINDOW_SECONDS);
}

describe('the rate limit', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await Harness.start(undefined, undefined, undefined, { rateLimit: PER_SECOND });
  });
  afterAll(() => api.close());

  const burst = async (count: number, key?: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++)
      statuses.push((await api.call('GET', '/api/v1/rankings?asOf=2015-01-01', { key })).status);
    return statuses;
  };

  it('counts each key on its own: past the limit, 429 RATE_LIMITED with Retry-After; others go on', async () => {
    const busy = api.key('analyst');
    const calm = api.key('analyst');
    const served = await burst(MAX, busy);
    expect(served.filter((s) => s === 429)).toEqual([]);
    expectRateLimited(await api.call('GET', '/api/v1/rankings?asOf=2015-01-01', { key: busy }));
    // Every route counts, /health too.
    expectRateLimited(await api.call('GET', '/health', { key: busy }));
    expect(
      (await api.call('GET', '/api/v1/rankings?asOf=2015-01-01', { key: calm })).status,
    ).not.toBe(429);
  });

  it('counts calls without a valid key by address, apart from the keys sent from it', async () => {
    // The harness read /docs-json from this address when it started: one of the window's requests.
    const statuses = await burst(MAX - 1, 'not-a-key');
    expect(statuses).toEqual(Array(MAX - 1).fill(401));
    expectRateLimited(await api.call('GET', '/api/v1/rankings', { key: 'another-wrong-key' }));
    expectRateLimited(await api.call('GET', '/health'));
    const valid = api.key('analyst');
    expect(
      (await api.call('GET', '/api/v1/rankings?asOf=2015-01-01', { key: valid })).status,
    ).not.toBe(429);
  });

  it('says the limit in each answer', async () => {
    const answer = await api.call('GET', '/health', { key: api.key('vendor') });
    expect(answer.headers.get('x-ratelimit-limit')).toBe(String(MAX));
  });
});

describe('FRESH_RATE_LIMIT', () => {
  it(`is ${DEFAULT_RATE_LIMIT} requests per second per key by default; 0 turns the limit off`, () => {
    expect(configFromEnv({}).rateLimit).toBe(DEFAULT_RATE_LIMIT);
    expect(configFromEnv({ FRESH_RATE_LIMIT: '0' }).rateLimit).toBe(0);
    expect(configFromEnv({ FRESH_RATE_LIMIT: '5000' }).rateLimit).toBe(5000);
    expect(() => configFromEnv({ FRESH_RATE_LIMIT: 'many' })).toThrow(ConfigError);
    expect(() => configFromEnv({ FRESH_RATE_LIMIT: '-1' })).toThrow(ConfigError);
  });

  it('0: no limit, no rate headers, past any limit', async () => {
    const api = await Harness.start(undefined, undefined, undefined, { rateLimit: 0 });
    try {
      const statuses = new Set<number>();
      for (let i = 0; i < MAX + 5; i++) statuses.add((await api.call('GET', '/health')).status);
      expect([...statuses]).toEqual([200]);
      expect((await api.call('GET', '/health')).headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await api.close();
    }
  });
});
