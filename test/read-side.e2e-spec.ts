import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Harness, tempDataDir } from './support/harness';

/**
 * Four partners over the experiment window (money per sale, 20 % or the CSK 50 %):
 *  P1 non-CSK: 11 clients (10 Dec), one UT-1-1 each on 10 Jan (999.50 → net 799.60);
 *     A1..A9 paid 1–9 Feb, A10 on 10 Feb, A11 on 5 Mar.
 *  P4 non-CSK: 10 clients (15 Dec), two UT-1-1 each on 20 Jan (1999.00 → net 1599.20);
 *     paid 11–20 Feb; obligations breached from 15 Apr.
 *  P2 CSK since 2013: 3 clients (5 Jan) buy BP-5-12 on 6 Jan (12345.67 → net 6172.83), paid 15 Jan;
 *     a 4th client connected on ITS PROF.
 *  P3 non-CSK until certified CSK on 1 Mar: C1, C2 (1 Feb) buy UT-1-1 on 2 Feb; C3 (2 Mar) on 3 Mar.
 *  The rate changes to 15 % from 1 May.
 */
describe('the read side over HTTP', () => {
  const dataDir = tempDataDir();
  let api: Harness;
  let vendor: string, analyst: string, auditor: string;
  const partnerKeys: Record<string, string> = {};

  const ok = async (method: string, path: string, body: unknown, key = vendor) => {
    const answer = await api.call(method, path, { key, body });
    if (answer.status !== 201)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const connect = (partnerId: string, clientId: string, connectedOn: string, extra: object = {}) =>
    ok(
      'POST',
      '/api/v1/clients',
      {
        clientId,
        partnerId,
        inn: '7707083893',
        name: `Клиент ${clientId}`,
        application: 'Бухгалтерия предприятия',
        workplaces: 2,
        basis: 'itsaas',
        connectedOn,
        ...extra,
      },
      partnerKeys[partnerId],
    );
  const sell = (
    partnerId: string,
    clientId: string,
    positionCode: string,
    quantity: number,
    soldOn: string,
  ) =>
    ok(
      'POST',
      '/api/v1/sales',
      { saleId: `S-${clientId}`, partnerId, clientId, positionCode, quantity, soldOn },
      partnerKeys[partnerId],
    );
  const pay = (clientId: string, paidOn: string) =>
    ok('POST', `/api/v1/sales/S-${clientId}/payment`, { paidOn, amount: '1.00' });
  const get = async (path: string, key: string) => {
    await api.settled();
    return api.call('GET', path, { key });
  };
  const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

  beforeAll(async () => {
    api = await Harness.start(dataDir);
    vendor = api.key('vendor');
    analyst = api.key('analyst');
    auditor = api.key('auditor');
    for (const id of ['P1', 'P2', 'P3', 'P4']) {
      partnerKeys[id] = api.key('partner', id);
      await ok('POST', '/api/v1/partners', {
        partnerId: id,
        name: `Партнёр ${id}`,
        country: 'RU',
        franchisee: true,
      });
    }
    const certify = (id: string, certifiedOn: string) =>
      ok('POST', `/api/v1/partners/${id}/csk-certification`, {
        certifiedOn,
        certifiedSpecialists: 3,
        responsibleEmployee: 'Иванов И. И.',
        supportCommitment: true,
      });
    await certify('P2', '2013-06-01');
    await ok('PUT', '/api/v1/price-list', {
      effectiveFrom: '2014-12-01',
      cskDiscountRate: '0.50',
      positions: [
        {
          code: 'BP-5-12',
          name: 'Бухгалтерия предприятия, 5 мест, 12 месяцев',
          retailPrice: '12345.67',
        },
        { code: 'UT-1-1', name: 'Управление торговлей, 1 место, 1 месяц', retailPrice: '999.50' },
      ],
    });
    await ok('POST', '/api/v1/experiments', {
      experimentId: 'exp-2014',
      startsOn: '2014-12-08',
      endsOn: '2015-05-31',
      discountRate: '0.20',
    });
    await ok('POST', '/api/v1/experiments/exp-2014/decision', {
      decision: 'change',
      decidedOn: '2015-04-20',
      effectiveOn: '2015-05-01',
      newDiscountRate: '0.15',
    });

    for (let i = 1; i <= 11; i++) {
      await connect('P1', `A${i}`, '2014-12-10');
      await sell('P1', `A${i}`, 'UT-1-1', 1, '2015-01-10');
      await pay(`A${i}`, i <= 10 ? day('2015-02', i) : '2015-03-05');
    }
    for (let j = 1; j <= 10; j++) {
      await connect('P4', `D${j}`, '2014-12-15');
      await sell('P4', `D${j}`, 'UT-1-1', 2, '2015-01-20');
      await pay(`D${j}`, day('2015-02', 10 + j));
    }
    await ok('POST', '/api/v1/partners/P4/obligations', {
      status: 'breached',
      since: '2015-04-15',
    });
    for (let k = 1; k <= 3; k++) {
      await connect('P2', `B${k}`, '2015-01-05');
      await sell('P2', `B${k}`, 'BP-5-12', 1, '2015-01-06');
      await pay(`B${k}`, '2015-01-15');
    }
    await connect('P2', 'B4', '2015-01-05', {
      basis: 'its-prof',
      itsProfContract: { number: 'ИТС-4', validUntil: '2015-12-31' },
    });
    await connect('P3', 'C1', '2015-02-01');
    await connect('P3', 'C2', '2015-02-01');
    await sell('P3', 'C1', 'UT-1-1', 1, '2015-02-02');
    await sell('P3', 'C2', 'UT-1-1', 1, '2015-02-02');
    await certify('P3', '2015-03-01');
    await connect('P3', 'C3', '2015-03-02');
    await sell('P3', 'C3', 'UT-1-1', 1, '2015-03-03');
  }, 60_000);
  afterAll(() => api.close());

  const ranking = async (query: string) => {
    const { status, body } = await get(`/api/v1/rankings?${query}`, analyst);
    expect(status).toBe(200);
    return body;
  };
  const row = (
    partnerId: string,
    rank: number,
    segment: string,
    connected: number,
    paying: number,
    itsProf: number,
    retail: string,
    discount: string,
    net: string,
    published: boolean,
  ) => ({
    rank,
    partnerId,
    name: `Партнёр ${partnerId}`,
    segment,
    connectedClients: connected,
    payingClients: paying,
    itsProfConnections: itsProf,
    retail,
    discount,
    net,
    published,
  });

  it('ranks as of 10 Feb 2015: the payment on the asOf date counts, P1 is published', async () => {
    const body = await ranking('asOf=2015-02-10');
    expect(body).toEqual({
      asOf: '2015-02-10',
      segment: 'all',
      publishedOnly: false,
      items: [
        row('P1', 1, 'non-csk', 11, 10, 0, '10994.50', '2198.90', '8795.60', true),
        row('P2', 2, 'csk', 4, 3, 1, '37037.01', '18518.52', '18518.49', false),
        row('P4', 3, 'non-csk', 10, 0, 0, '19990.00', '3998.00', '15992.00', false),
        row('P3', 4, 'non-csk', 2, 0, 0, '1999.00', '399.80', '1599.20', false),
      ],
    });
  });

  it('does not count a payment dated the day after asOf', async () => {
    const body = await ranking('asOf=2015-02-09');
    expect(body.items[0]).toEqual(
      row('P1', 1, 'non-csk', 11, 9, 0, '10994.50', '2198.90', '8795.60', false),
    );
  });

  it('ranks as of 1 Mar 2015 by paying clients, then net; segment is the status on that date', async () => {
    const all = await ranking('asOf=2015-03-01');
    expect(all.items.map((i: { partnerId: string }) => i.partnerId)).toEqual([
      'P4',
      'P1',
      'P2',
      'P3',
    ]);
    expect(all.items[0]).toEqual(
      row('P4', 1, 'non-csk', 10, 10, 0, '19990.00', '3998.00', '15992.00', true),
    );
    const csk = await ranking('asOf=2015-03-01&segment=csk');
    expect(csk.items).toEqual([
      row('P2', 1, 'csk', 4, 3, 1, '37037.01', '18518.52', '18518.49', false),
      row('P3', 2, 'csk', 2, 0, 0, '1999.00', '399.80', '1599.20', false),
    ]);
    const published = await ranking('asOf=2015-03-01&publishedOnly=true');
    expect(
      published.items.map((i: { partnerId: string; rank: number }) => [i.rank, i.partnerId]),
    ).toEqual([
      [1, 'P4'],
      [2, 'P1'],
    ]);
  });

  it('unpublishes a partner from the day its obligations are breached (15 Apr 2015)', async () => {
    const before = await ranking('asOf=2015-04-14&publishedOnly=true');
    expect(before.items.map((i: { partnerId: string }) => i.partnerId)).toEqual(['P1', 'P4']);
    const body = await ranking('asOf=2015-04-15');
    expect(body.items).toEqual([
      row('P1', 1, 'non-csk', 11, 11, 0, '10994.50', '2198.90', '8795.60', true),
      row('P4', 2, 'non-csk', 10, 10, 0, '19990.00', '3998.00', '15992.00', false),
      row('P2', 3, 'csk', 4, 3, 1, '37037.01', '18518.52', '18518.49', false),
      row('P3', 4, 'csk', 3, 0, 0, '2998.50', '899.55', '2098.95', false),
    ]);
  });

  it('gives the monthly analytics of the experiment per segment, with totals per decision period', async () => {
    const { status, body } = await get(
      '/api/v1/experiments/exp-2014/analytics?granularity=month',
      analyst,
    );
    expect(status).toBe(200);
    const zero = {
      sales: 0,
      retail: '0.00',
      discount: '0.00',
      net: '0.00',
      newClients: { itsaas: 0, 'its-prof': 0 },
      activePartners: 0,
      partnersReachingTenPayingClients: 0,
    };
    const nonCsk = {
      '2014-12': { ...zero, newClients: { itsaas: 21, 'its-prof': 0 }, activePartners: 2 },
      '2015-01': {
        ...zero,
        sales: 21,
        retail: '30984.50',
        discount: '6196.90',
        net: '24787.60',
        activePartners: 2,
      },
      '2015-02': {
        sales: 2,
        retail: '1999.00',
        discount: '399.80',
        net: '1599.20',
        newClients: { itsaas: 2, 'its-prof': 0 },
        activePartners: 1,
        partnersReachingTenPayingClients: 2,
      },
    } as Record<string, unknown>;
    const csk = {
      '2015-01': {
        sales: 3,
        retail: '37037.01',
        discount: '18518.52',
        net: '18518.49',
        newClients: { itsaas: 3, 'its-prof': 1 },
        activePartners: 1,
        partnersReachingTenPayingClients: 0,
      },
      '2015-03': {
        sales: 1,
        retail: '999.50',
        discount: '499.75',
        net: '499.75',
        newClients: { itsaas: 1, 'its-prof': 0 },
        activePartners: 1,
        partnersReachingTenPayingClients: 0,
      },
    } as Record<string, unknown>;
    expect(body.window).toEqual({ from: '2014-12-08', to: '2015-05-31' });
    expect(
      body.periods.map((p: { period: string; from: string; to: string }) => [
        p.period,
        p.from,
        p.to,
      ]),
    ).toEqual([
      ['2014-12', '2014-12-08', '2014-12-31'],
      ['2015-01', '2015-01-01', '2015-01-31'],
      ['2015-02', '2015-02-01', '2015-02-28'],
      ['2015-03', '2015-03-01', '2015-03-31'],
      ['2015-04', '2015-04-01', '2015-04-30'],
      ['2015-05', '2015-05-01', '2015-05-31'],
    ]);
    for (const p of body.periods) {
      expect(p.segments['non-csk']).toEqual(nonCsk[p.period] ?? zero);
      expect(p.segments.csk).toEqual(csk[p.period] ?? zero);
    }
    expect(body.totals.window).toEqual({
      'non-csk': {
        sales: 23,
        retail: '32983.50',
        discount: '6596.70',
        net: '26386.80',
        newClients: { itsaas: 23, 'its-prof': 0 },
        activePartners: 3,
        partnersReachingTenPayingClients: 2,
      },
      csk: {
        sales: 4,
        retail: '38036.51',
        discount: '19018.27',
        net: '19018.24',
        newClients: { itsaas: 4, 'its-prof': 1 },
        activePartners: 2,
        partnersReachingTenPayingClients: 0,
      },
    });
    expect(
      body.totals.decisionPeriods.map(
        (p: { decision: string; from: string; to: string; discountRate: string }) => [
          p.decision,
          p.from,
          p.to,
          p.discountRate,
        ],
      ),
    ).toEqual([
      ['start', '2014-12-08', '2015-04-30', '0.20'],
      ['change', '2015-05-01', '2015-05-31', '0.15'],
    ]);
    expect(body.totals.decisionPeriods[0].segments).toEqual(body.totals.window);
    expect(body.totals.decisionPeriods[1].segments).toEqual({ csk: zero, 'non-csk': zero });
  });

  it('shows a partner and a client as they are now', async () => {
    const partner = await get('/api/v1/partners/P3', partnerKeys.P3);
    expect(partner.body).toMatchObject({
      partnerId: 'P3',
      status: {
        segment: 'csk',
        csk: true,
        cskSince: '2015-03-01',
        astralCertified: false,
        obligations: 'fulfilled',
        published: false,
      },
      connectedClients: 3,
      payingClients: 0,
      sales: 3,
      retail: '2998.50',
      discount: '899.55',
      net: '2098.95',
    });
    const client = await get('/api/v1/clients/A1', vendor);
    expect(client.body).toMatchObject({
      clientId: 'A1',
      partnerId: 'P1',
      support: '1C',
      inService: true,
      payingSince: '2015-02-01',
      sales: { count: 1, retail: '999.50', discount: '199.90', net: '799.60' },
    });
    expect((await get('/api/v1/clients/B1', partnerKeys.P2)).body).toMatchObject({
      support: 'P2',
      segment: 'csk',
    });
    expect((await get('/api/v1/clients/B1', partnerKeys.P1)).status).toBe(403);
    expect((await get('/api/v1/partners/P1', partnerKeys.P2)).status).toBe(403);
    expect((await get('/api/v1/partners/P9', vendor)).body.code).toBe('PARTNER_NOT_FOUND');
  });

  it('validates query parameters and roles', async () => {
    for (const query of [
      'asOf=2015-02-30',
      'segment=gold',
      'publishedOnly=yes',
      'asOf=2099-01-01',
      'sort=price',
      'limit=0',
      'format=pdf',
    ]) {
      const answer = await get(`/api/v1/rankings?${query}`, analyst);
      expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(
      (await get('/api/v1/experiments/exp-2014/analytics?granularity=year', analyst)).status,
    ).toBe(400);
    expect((await get('/api/v1/experiments/none/analytics', analyst)).body.code).toBe(
      'EXPERIMENT_NOT_FOUND',
    );
    expect((await get('/api/v1/rankings', partnerKeys.P1)).status).toBe(403);
    expect((await get('/api/v1/audit/verify', analyst)).status).toBe(403);
  });

  it('traces a discount decision to its command, actor and inputs, and re-derives it', async () => {
    const { status, body } = await get('/api/v1/audit/sales/S-A1', auditor);
    expect(status).toBe(200);
    expect(body.decision).toEqual({
      rule: 'non-csk-experiment',
      rate: '0.20',
      retail: '999.50',
      discount: '199.90',
      net: '799.60',
      policyVersion: 'v1',
    });
    expect(body.command).toEqual({
      id: body.causationId,
      type: 'SellSubscription',
      route: 'POST /api/v1/sales',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      actor: { keyId: expect.stringMatching(/^key_/), role: 'partner' },
    });
    expect(
      body.inputs.map((i: { name: string; streamId: string; revision: number }) => [
        i.name,
        i.streamId,
        i.revision,
      ]),
    ).toEqual([
      ['partner', 'partner-P1', 0],
      ['client', 'client-A1', 0],
      ['priceList', 'price-list', 0],
      ['experiment', 'experiments', 1],
    ]);
    expect(
      body.events.map((e: { type: string; revision: number }) => [e.type, e.revision]),
    ).toEqual([
      ['SubscriptionSold', 0],
      ['DiscountApplied', 1],
    ]);
    expect(body.later.map((e: { type: string }) => e.type)).toEqual(['PaymentReceived']);
    expect(body.rederived).toEqual({
      rule: 'non-csk-experiment',
      rate: '0.20',
      retail: '999.50',
      discount: '199.90',
      net: '799.60',
      policyVersion: 'v1',
      inputsMatch: true,
      matches: true,
    });
  });

  it('verifies the log intact, and broken after one stored event is altered', async () => {
    const intact = await get('/api/v1/audit/verify', auditor);
    expect(intact.body).toEqual({ intact: true, checked: expect.any(Number) });
    const total = intact.body.checked;
    expect(total).toBeGreaterThan(90);
    await api.close();
    const file = join(dataDir, 'events.db');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('"discount":19990');
    expect(at).toBeGreaterThan(0);
    bytes.write('"discount":29990', at, 'latin1');
    writeFileSync(file, bytes);
    api = await Harness.start(dataDir);
    const broken = await api.call('GET', '/api/v1/audit/verify', { key: auditor });
    expect(broken.body).toMatchObject({
      intact: false,
      firstBrokenAt: {
        streamId: 'sale-S-A1',
        revision: 1,
        reason: 'content does not match its hash',
      },
    });
    expect(broken.body.checked).toBeLessThan(total);
    const trace = await api.call('GET', '/api/v1/audit/sales/S-A1', { key: auditor });
    expect(trace.body.decision.discount).toBe('299.90');
    expect(trace.body.rederived).toMatchObject({ discount: '199.90', matches: false });
  });
});
