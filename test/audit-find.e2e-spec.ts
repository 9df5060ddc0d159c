import { ApiKeys } from '@fresh/access';
import { canonicalJson } from '@fresh/read-models';
import { createHash } from 'node:crypto';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

const sale = (saleId: string, soldOn: string, clientId = 'C1') => ({
  saleId,
  partnerId: 'P1',
  clientId,
  positionCode: 'BP-5-12',
  quantity: 1,
  soldOn,
});

describe('refusals on record, and finding sales, refusals and events', () => {
  let api: Harness;
  let auditor: string;
  let vendor: string;
  let crm: string;
  let crmKeyId: string;
  let programme: Awaited<ReturnType<typeof seedProgramme>>;
  const get = async (path: string, key = auditor) => {
    const answer = await api.call('GET', path, { key });
    if (answer.status !== 200)
      throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    api = await Harness.start();
    programme = await seedProgramme(api);
    vendor = programme.vendor;
    auditor = api.key('auditor');
    const made = api.app
      .get(ApiKeys)
      .create('partner', { partnerId: 'P1', name: 'Альфа CRM' }, new Date());
    crm = made.secret;
    crmKeyId = made.key.id;
    await programme.ok('POST', '/api/v1/clients', programme.client('C1'), crm);
    await programme.ok('POST', '/api/v1/clients', programme.client('C2'), crm);
    await programme.ok('POST', '/api/v1/sales', sale('S1', '2015-01-15'), crm);
    await programme.ok('POST', '/api/v1/sales', sale('S2', '2015-02-10', 'C2'), crm);
    await programme.ok('POST', '/api/v1/sales', sale('S3', '2015-03-05'), crm);
  });

  afterAll(() => api.close());

  it('journals a refused sale with its code, who sent it and a digest of its body, and changes no read model', async () => {
    await api.settled();
    const before = [
      await get('/api/v1/partners/P1', vendor),
      await get('/api/v1/clients/C1', vendor),
    ];
    const body = sale('S9', '2015-06-01');
    const refused = await api.call('POST', '/api/v1/sales', {
      key: crm,
      body,
      headers: { 'x-correlation-id': 'refused-sale-1' },
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'EXPERIMENT_NOT_ACTIVE']);
    // Not decisions: a malformed body (400), another partner's sale (403), no key (401).
    expect(
      (await api.call('POST', '/api/v1/sales', { key: crm, body: { ...body, quantity: 0 } }))
        .status,
    ).toBe(400);
    expect(
      (await api.call('POST', '/api/v1/sales', { key: crm, body: { ...body, partnerId: 'P2' } }))
        .status,
    ).toBe(403);
    expect((await api.call('POST', '/api/v1/sales', { body })).status).toBe(401);

    const found = await get('/api/v1/audit/refusals?partnerId=P1');
    expect(found).toEqual({
      items: [
        {
          code: 'EXPERIMENT_NOT_ACTIVE',
          detail: refused.body.detail,
          commandType: 'SellSubscription',
          route: 'POST /api/v1/sales',
          partnerId: 'P1',
          businessDate: '2015-06-01',
          bodySha256: createHash('sha256').update(canonicalJson(body)).digest('hex'),
          correlationId: 'refused-sale-1',
          actor: { keyId: crmKeyId, role: 'partner', name: 'Альфа CRM' },
          recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          streamId: 'refusals-P1',
          revision: 0,
          position: expect.stringMatching(/^\d+$/),
        },
      ],
      nextCursor: null,
    });
    expect((await get('/api/v1/audit/refusals?code=CLIENT_NOT_CONNECTED')).items).toEqual([]);
    expect((await get('/api/v1/audit/refusals?from=2015-06-02')).items).toEqual([]);
    expect((await get('/api/v1/audit/refusals?from=2015-06-01&to=2015-06-01')).items).toHaveLength(
      1,
    );

    // The refusal is in the log (under the chains and the tree), not in the domain's read models.
    await api.settled();
    expect([
      await get('/api/v1/partners/P1', vendor),
      await get('/api/v1/clients/C1', vendor),
    ]).toEqual(before);
    expect(await get('/api/v1/audit/verify')).toMatchObject({ intact: true });
    const events = await get('/api/v1/audit/events?correlationId=refused-sale-1');
    expect(events.items).toEqual([
      expect.objectContaining({
        streamId: 'refusals-P1',
        revision: 0,
        type: 'CommandRefused',
        keyId: crmKeyId,
      }),
    ]);
    // The sale id is still free: the refusal recorded nothing in the sale's stream.
    await programme.ok('POST', '/api/v1/sales', sale('S9', '2015-05-31'), crm);
  });

  it('finds sales with their decision by partner, client, period and rule, a page at a time', async () => {
    const all = await get('/api/v1/audit/sales?partnerId=P1&to=2015-03-31');
    expect(all.items.map((s: { saleId: string }) => s.saleId)).toEqual(['S1', 'S2', 'S3']);
    expect(all.items[0]).toEqual({
      saleId: 'S1',
      partnerId: 'P1',
      clientId: 'C1',
      soldOn: '2015-01-15',
      decision: {
        rule: 'non-csk-experiment',
        rate: '0.20',
        retail: '12345.67',
        discount: '2469.13',
        net: '9876.54',
        policyVersion: 'v1',
      },
      keyId: crmKeyId,
      position: expect.stringMatching(/^\d+$/),
    });
    expect(
      (await get('/api/v1/audit/sales?clientId=C2')).items.map((s: { saleId: string }) => s.saleId),
    ).toEqual(['S2']);
    expect(
      (await get('/api/v1/audit/sales?from=2015-02-01&to=2015-02-28')).items.map(
        (s: { saleId: string }) => s.saleId,
      ),
    ).toEqual(['S2']);
    expect((await get('/api/v1/audit/sales?rule=csk')).items).toEqual([]);
    const first = await get('/api/v1/audit/sales?partnerId=P1&limit=2');
    expect(first.items.map((s: { saleId: string }) => s.saleId)).toEqual(['S1', 'S2']);
    const second = await get(`/api/v1/audit/sales?partnerId=P1&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((s: { saleId: string }) => s.saleId)).toEqual(['S3', 'S9']);
    expect(second.nextCursor).toBeNull();
  });

  it('finds events by stream and by key, and a trace names the key as it was', async () => {
    const stream = await get('/api/v1/audit/events?streamId=sale-S1');
    expect(stream.items.map((e: { type: string }) => e.type)).toEqual([
      'SubscriptionSold',
      'DiscountApplied',
    ]);
    const byKey = await get(`/api/v1/audit/events?keyId=${crmKeyId}&limit=500`);
    expect(byKey.items.length).toBe(2 + 2 * 4 + 1); // two clients, four sales, one refusal
    const trace = await get('/api/v1/audit/sales/S1');
    expect(trace.command.actor).toEqual({ keyId: crmKeyId, role: 'partner', name: 'Альфа CRM' });
  });

  it('refuses searches without a filter, with a bad cursor or period, and from other roles', async () => {
    const none = await api.call('GET', '/api/v1/audit/events', { key: auditor });
    expect([none.status, none.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cursor = await api.call('GET', '/api/v1/audit/sales?cursor=bm9wZQ', { key: auditor });
    expect([cursor.status, cursor.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const period = await api.call('GET', '/api/v1/audit/refusals?from=2015-02-01&to=2015-01-01', {
      key: auditor,
    });
    expect([period.status, period.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const limit = await api.call('GET', '/api/v1/audit/sales?limit=501', { key: auditor });
    expect(limit.status).toBe(400);
    const partner = await api.call('GET', '/api/v1/audit/refusals', { key: crm });
    expect([partner.status, partner.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });
});
