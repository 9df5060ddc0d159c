import { EventStore } from '@fresh/event-store';
import { Harness } from './support/harness';

describe('the service', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await Harness.start();
  });
  afterAll(() => api.close());

  it('serves the OpenAPI document with every command route, and its UI', async () => {
    const json = await api.call('GET', '/docs-json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths).sort()).toEqual([
      '/api/v1/audit/checkpoints/latest',
      '/api/v1/audit/events',
      '/api/v1/audit/proofs/consistency',
      '/api/v1/audit/proofs/inclusion',
      '/api/v1/audit/refusals',
      '/api/v1/audit/sales',
      '/api/v1/audit/sales/{saleId}',
      '/api/v1/audit/verify',
      '/api/v1/audit/verify/checkpoint',
      '/api/v1/audit/verify/progress',
      '/api/v1/clients',
      '/api/v1/clients/{clientId}',
      '/api/v1/clients/{clientId}/migrations',
      '/api/v1/clients/{clientId}/reporting',
      '/api/v1/clients/{clientId}/services',
      '/api/v1/experiments',
      '/api/v1/experiments/{experimentId}/analytics',
      '/api/v1/experiments/{experimentId}/decision',
      '/api/v1/experiments/{experimentId}/what-if',
      '/api/v1/generations',
      '/api/v1/partners',
      '/api/v1/partners/{partnerId}',
      '/api/v1/partners/{partnerId}/astral-certification',
      '/api/v1/partners/{partnerId}/csk-certification',
      '/api/v1/partners/{partnerId}/csk-certification/revocation',
      '/api/v1/partners/{partnerId}/obligations',
      '/api/v1/partners/{partnerId}/profile',
      '/api/v1/price-list',
      '/api/v1/privacy/subjects/{subjectId}',
      '/api/v1/privacy/subjects/{subjectId}/erasure',
      '/api/v1/rankings',
      '/api/v1/sales',
      '/api/v1/sales/{saleId}/payment',
      '/health',
    ]);
    expect(json.body.components.schemas.SellSubscriptionDto.required).toEqual(
      expect.arrayContaining([
        'saleId',
        'partnerId',
        'clientId',
        'positionCode',
        'quantity',
        'soldOn',
      ]),
    );
    const ui = await fetch(`${api.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('reports health without a key', async () => {
    const { status, body } = await api.call('GET', '/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      live: true,
      ready: true,
      stores: { eventStore: 'up', readStore: 'up' },
      projector: { state: 'running', generation: 'g1' },
      notary: { state: 'running', signed: false, keyId: null, treeSize: 0 },
      worker: { id: 0, pid: process.pid }, // one process: no cluster worker id
    });
  });

  it('answers 503 problem+json, and unready health, when the event store is unreachable', async () => {
    const vendor = api.key('vendor');
    await api.app.get(EventStore).close();
    const answer = await api.call('POST', '/api/v1/partners', {
      key: vendor,
      body: { partnerId: 'P1', name: 'x', country: 'RU', franchisee: true },
    });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('STORE_UNAVAILABLE');
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ready: false, stores: { eventStore: 'down' } });
  });
});
