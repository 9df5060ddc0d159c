import { isRefusalStream } from '@fresh/audit';
import { EventStore } from '@fresh/event-store';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

describe('commands over HTTP', () => {
  let api: Harness;
  let world: Awaited<ReturnType<typeof seedProgramme>>;
  /** Events in the domain's streams, and refusals journaled (a 422 is journaled, nothing else). */
  const logSize = async () => {
    const all = await api.app.get(EventStore).readAll({ maxCount: 1_000_000 });
    const refusals = all.filter((e) => isRefusalStream(e.streamId)).length;
    return { domain: all.length - refusals, refusals };
  };

  beforeAll(async () => {
    api = await Harness.start();
    world = await seedProgramme(api);
  });
  afterAll(() => api.close());

  describe('each route records its events', () => {
    it('registers a partner', async () => {
      const { status, body } = await api.call('POST', '/api/v1/partners', {
        key: world.vendor,
        body: { partnerId: 'P3', name: 'ИП Сидоров', country: 'RU', franchisee: true },
      });
      expect(status).toBe(201);
      expect(body.events).toEqual([
        {
          type: 'PartnerRegistered',
          streamId: 'partner-P3',
          revision: 0,
          position: expect.stringMatching(/^\d+$/),
          data: { partnerId: 'P3', name: 'ИП Сидоров', country: 'RU', franchisee: true },
        },
      ]);
    });

    it('connects a client and sells at 20 %, answering the discount at once', async () => {
      await world.ok('POST', '/api/v1/clients', world.client('C1'), world.p1);
      const { status, body } = await api.call('POST', '/api/v1/sales', {
        key: world.p1,
        body: {
          saleId: 'S1',
          partnerId: 'P1',
          clientId: 'C1',
          positionCode: 'BP-5-12',
          quantity: 1,
          soldOn: '2015-01-15',
        },
      });
      expect(status).toBe(201);
      expect(body.events.map((e: { type: string }) => e.type)).toEqual([
        'SubscriptionSold',
        'DiscountApplied',
      ]);
      const discount = body.events[1];
      expect(discount.streamId).toBe('sale-S1');
      expect(discount.revision).toBe(1);
      expect(discount.data).toMatchObject({
        saleId: 'S1',
        partnerId: 'P1',
        clientId: 'C1',
        rule: 'non-csk-experiment',
        rate: '0.20',
        retail: '12345.67',
        discount: '2469.13',
        net: '9876.54',
        policyVersion: 'v1',
      });
      expect(discount.data.inputs).toMatchObject({
        partner: { streamId: 'partner-P1', revision: 0, csk: false },
        client: { streamId: 'client-C1', revision: 0, connectedBy: 'P1' },
        priceList: {
          streamId: 'price-list',
          revision: 0,
          unitPrice: '12345.67',
          cskDiscountRate: '0.50',
        },
        experiment: {
          streamId: 'experiments',
          revision: 0,
          experimentId: 'exp-2014',
          discountRate: '0.20',
        },
      });
    });

    it('sells at the CSK rate for a CSK partner after the experiment', async () => {
      await world.ok('POST', '/api/v1/clients', world.client('C2', 'P2', '2015-07-01'), world.p2);
      const { body } = await world.ok(
        'POST',
        '/api/v1/sales',
        {
          saleId: 'S2',
          partnerId: 'P2',
          clientId: 'C2',
          positionCode: 'UT-1-1',
          quantity: 3,
          soldOn: '2015-07-02',
        },
        world.p2,
      );
      expect(body.events[1].data).toMatchObject({
        rule: 'csk',
        rate: '0.50',
        retail: '2998.50',
        discount: '1499.25',
        net: '1499.25',
      });
    });

    it('records a payment', async () => {
      const { body } = await world.ok('POST', '/api/v1/sales/S1/payment', {
        paidOn: '2015-01-20',
        amount: '9876.54',
      });
      expect(body.events[0]).toMatchObject({
        type: 'PaymentReceived',
        streamId: 'sale-S1',
        revision: 2,
        data: {
          saleId: 'S1',
          partnerId: 'P1',
          clientId: 'C1',
          paidOn: '2015-01-20',
          amount: '9876.54',
        },
      });
    });

    it('certifies, grants Astral, changes obligations and revokes', async () => {
      const a = await world.ok('POST', '/api/v1/partners/P3/astral-certification', {
        certifiedOn: '2015-02-01',
      });
      expect(a.body.events[0]).toMatchObject({
        type: 'AstralCertificationGranted',
        data: { partnerId: 'P3', certifiedOn: '2015-02-01' },
      });
      const o = await world.ok('POST', '/api/v1/partners/P3/obligations', {
        status: 'breached',
        since: '2015-03-01',
        note: 'late report',
      });
      expect(o.body.events[0]).toMatchObject({
        type: 'PartnerObligationsChanged',
        data: { status: 'breached', since: '2015-03-01' },
      });
      const c = await world.ok('POST', '/api/v1/partners/P3/csk-certification', {
        certifiedOn: '2015-04-01',
        certifiedSpecialists: 2,
        responsibleEmployee: 'Сидоров С. С.',
        supportCommitment: true,
      });
      expect(c.body.events[0]).toMatchObject({ type: 'PartnerCertified', revision: 3 });
      const r = await world.ok('POST', '/api/v1/partners/P3/csk-certification/revocation', {
        revokedOn: '2015-05-01',
        reason: 'no specialists',
      });
      expect(r.body.events[0]).toMatchObject({ type: 'PartnerCertificationRevoked', revision: 4 });
    });

    it('connects reporting, enables a service and migrates a client', async () => {
      await world.ok('POST', '/api/v1/partners/P2/astral-certification', {
        certifiedOn: '2015-01-01',
      });
      const rep = await world.ok(
        'POST',
        '/api/v1/clients/C2/reporting',
        { partnerId: 'P2', connectedOn: '2015-07-03' },
        world.p2,
      );
      expect(rep.body.events[0]).toMatchObject({
        type: 'ReportingConnected',
        streamId: 'client-C2',
      });
      const svc = await world.ok(
        'POST',
        '/api/v1/clients/C2/services',
        { partnerId: 'P2', service: 'exchange', enabledOn: '2015-07-04' },
        world.p2,
      );
      expect(svc.body.events[0]).toMatchObject({
        type: 'ServiceEnabled',
        data: { service: 'exchange' },
      });
      const mig = await world.ok(
        'POST',
        '/api/v1/clients/C2/migrations',
        { partnerId: 'P2', direction: 'to-local', migratedOn: '2015-08-01' },
        world.p2,
      );
      expect(mig.body.events[0]).toMatchObject({
        type: 'ClientMigrated',
        data: { direction: 'to-local' },
      });
    });

    it('decides on the experiment: extend, then change the rate', async () => {
      const e = await world.ok('POST', '/api/v1/experiments/exp-2014/decision', {
        decision: 'extend',
        decidedOn: '2015-05-25',
        newEndsOn: '2015-12-31',
      });
      expect(e.body.events[0]).toMatchObject({
        type: 'ExperimentEnded',
        data: {
          experimentId: 'exp-2014',
          decision: 'extend',
          decidedOn: '2015-05-25',
          effectiveOn: '2015-05-25',
          newEndsOn: '2015-12-31',
        },
      });
      await world.ok('POST', '/api/v1/experiments/exp-2014/decision', {
        decision: 'change',
        decidedOn: '2015-08-20',
        effectiveOn: '2015-09-01',
        newDiscountRate: '0.15',
      });
      await world.ok('POST', '/api/v1/clients', world.client('C3', 'P1', '2015-09-02'), world.p1);
      const { body } = await world.ok(
        'POST',
        '/api/v1/sales',
        {
          saleId: 'S3',
          partnerId: 'P1',
          clientId: 'C3',
          positionCode: 'BP-5-12',
          quantity: 1,
          soldOn: '2015-09-02',
        },
        world.p1,
      );
      expect(body.events[1].data).toMatchObject({
        rate: '0.15',
        discount: '1851.85',
        net: '10493.82',
      });
    });
  });

  describe('refusals answer problem+json and record nothing', () => {
    const refused = async (
      method: string,
      path: string,
      key: string | undefined,
      body: unknown,
    ) => {
      const before = await logSize();
      const answer = await api.call(method, path, { key, body });
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toEqual(
        expect.objectContaining({
          type: expect.any(String),
          title: expect.any(String),
          status: answer.status,
          detail: expect.any(String),
          code: expect.any(String),
        }),
      );
      expect(await logSize()).toEqual({
        domain: before.domain,
        refusals: before.refusals + (answer.status === 422 ? 1 : 0),
      });
      return answer;
    };
    const sale = (over: Record<string, unknown> = {}) => ({
      saleId: 'S9',
      partnerId: 'P1',
      clientId: 'C1',
      positionCode: 'BP-5-12',
      quantity: 1,
      soldOn: '2015-02-01',
      ...over,
    });

    it('400 with every wrong field named', async () => {
      const { status, body } = await refused(
        'POST',
        '/api/v1/sales',
        world.p1,
        sale({ quantity: 0, soldOn: '2015-02-30', saleId: 'bad id!' }),
      );
      expect(status).toBe(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'quantity',
        'saleId',
        'soldOn',
      ]);
    });
    it('400 for an unknown field, and for money with three places', async () => {
      expect(
        (await refused('POST', '/api/v1/sales', world.p1, sale({ discount: '0.99' }))).body.errors,
      ).toEqual([{ field: 'discount', message: 'property discount should not exist' }]);
      const pay = await refused('POST', '/api/v1/sales/S1/payment', world.vendor, {
        paidOn: '2015-02-01',
        amount: '10.005',
      });
      expect(pay.body.errors[0].field).toBe('amount');
    });
    it('400 for a body that is not JSON', async () => {
      const answer = await api.call('POST', '/api/v1/sales', { key: world.p1, raw: '{"saleId":' });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('INVALID_BODY');
    });
    it('401 without a key and with a wrong key', async () => {
      expect((await refused('POST', '/api/v1/sales', undefined, sale())).status).toBe(401);
      const wrong = await refused('POST', '/api/v1/sales', 'fp_not-a-key', sale());
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('UNAUTHORIZED');
    });
    it('403 for a partner key naming another partner', async () => {
      const { status, body } = await refused(
        'POST',
        '/api/v1/sales',
        world.p1,
        sale({ partnerId: 'P2' }),
      );
      expect([status, body.code]).toEqual([403, 'FORBIDDEN_PARTNER']);
    });
    it('403 for a role that may not call the route', async () => {
      const partnerRegisters = await refused('POST', '/api/v1/partners', world.p1, {
        partnerId: 'P9',
        name: 'x',
        country: 'RU',
        franchisee: true,
      });
      expect([partnerRegisters.status, partnerRegisters.body.code]).toEqual([
        403,
        'FORBIDDEN_ROLE',
      ]);
      const analystSells = await refused('POST', '/api/v1/sales', api.key('analyst'), sale());
      expect(analystSells.status).toBe(403);
    });
    it('404 for an unknown sale, experiment or client', async () => {
      const pay = await refused('POST', '/api/v1/sales/S404/payment', world.vendor, {
        paidOn: '2015-02-01',
        amount: '1.00',
      });
      expect([pay.status, pay.body.code]).toEqual([404, 'SALE_NOT_FOUND']);
      const decide = await refused('POST', '/api/v1/experiments/none/decision', world.vendor, {
        decision: 'terminate',
        decidedOn: '2015-02-01',
      });
      expect([decide.status, decide.body.code]).toEqual([404, 'EXPERIMENT_NOT_FOUND']);
      const rep = await refused('POST', '/api/v1/clients/C404/reporting', world.p1, {
        partnerId: 'P1',
        connectedOn: '2015-02-01',
      });
      expect([rep.status, rep.body.code]).toEqual([404, 'CLIENT_NOT_FOUND']);
    });
    it('409 for an id that is taken', async () => {
      const { status, body } = await refused(
        'POST',
        '/api/v1/sales',
        world.p1,
        sale({ saleId: 'S1' }),
      );
      expect([status, body.code]).toEqual([409, 'ALREADY_EXISTS']);
    });
    it('413 for a body over the limit', async () => {
      const { status, body } = await refused('POST', '/api/v1/partners', world.vendor, {
        partnerId: 'P9',
        name: 'x'.repeat(70 * 1024),
        country: 'RU',
        franchisee: true,
      });
      expect([status, body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    });
    it.each([
      [
        'a non-CSK sale after the extended window',
        sale({ soldOn: '2016-01-10' }),
        'EXPERIMENT_NOT_ACTIVE',
      ],
      [
        'a sale to another partner’s client',
        sale({ clientId: 'C2', soldOn: '2015-07-10' }),
        'SELLER_MUST_CONNECT_CLIENT',
      ],
      ['a position not on the price list', sale({ positionCode: 'ZUP-1-1' }), 'UNKNOWN_POSITION'],
      [
        'a sale dated before the client was connected',
        sale({ soldOn: '2014-12-09' }),
        'CLIENT_NOT_CONNECTED',
      ],
      ['a sale dated in the future', sale({ soldOn: '2099-01-01' }), 'FUTURE_DATE'],
    ])('422 for %s', async (_name, body, code) => {
      const answer = await refused('POST', '/api/v1/sales', world.p1, body);
      expect([answer.status, answer.body.code]).toEqual([422, code]);
    });
    it('422 for business rules on clients', async () => {
      const inn = await refused('POST', '/api/v1/clients', world.p1, {
        ...world.client('C9'),
        inn: '7707083894',
      });
      expect([inn.status, inn.body.code]).toEqual([422, 'INVALID_INN']);
      const svc = await refused('POST', '/api/v1/clients/C1/services', world.p1, {
        partnerId: 'P1',
        service: 'customization',
        enabledOn: '2015-02-01',
      });
      expect([svc.status, svc.body.code]).toEqual([422, 'NOT_CSK']);
      const rep = await refused('POST', '/api/v1/clients/C1/reporting', world.p1, {
        partnerId: 'P1',
        connectedOn: '2015-02-01',
      });
      expect([rep.status, rep.body.code]).toEqual([422, 'NOT_ASTRAL_CERTIFIED']);
      const prof = await refused('POST', '/api/v1/clients', world.p1, {
        ...world.client('C9'),
        basis: 'its-prof',
      });
      expect([prof.status, prof.body.code]).toEqual([422, 'ITS_PROF_CONTRACT_REQUIRED']);
    });
  });
});
