import { isRefusalStream } from '@fresh/audit';
import { EventStore } from '@fresh/event-store';
import { Answer, Harness } from './support/harness';
import { seedProgramme } from './support/programme';

/**
 * The rules about whose client it is, decisions that look forward, revocations of a status held,
 * and the money bounds, over HTTP: each refusal is problem+json with its code and records nothing.
 */
describe('rules over HTTP', () => {
  let api: Harness;
  let world: Awaited<ReturnType<typeof seedProgramme>>;
  let p3: string;
  /** Events in the domain's streams, and refusals journaled (a 422 is journaled, nothing else). */
  const logSize = async () => {
    const all = await api.app.get(EventStore).readAll({ maxCount: 1_000_000 });
    const refusals = all.filter((e) => isRefusalStream(e.streamId)).length;
    return { domain: all.length - refusals, refusals };
  };

  /** Sends a command that must be refused: the answer is problem+json and the log does not grow. */
  const refused = async (method: string, path: string, key: string, body: unknown) => {
    const before = await logSize();
    const answer = await api.call(method, path, { key, body });
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.status).toBe(answer.status);
    expect(await logSize()).toEqual({
      domain: before.domain,
      refusals: before.refusals + (answer.status === 422 ? 1 : 0),
    });
    return answer;
  };
  const statusAndCode = (answer: Answer) => [answer.status, answer.body.code];
  const sale = (saleId: string, over: Record<string, unknown> = {}) => ({
    saleId,
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    quantity: 1,
    soldOn: '2015-03-10',
    ...over,
  });

  beforeAll(async () => {
    api = await Harness.start();
    world = await seedProgramme(api);
    // P1 (non-CSK) connects C1; P3, another non-CSK partner, and the CSK partner P2 are both
    // certified by Калуга Астрал.
    await world.ok('POST', '/api/v1/partners', {
      partnerId: 'P3',
      name: 'ООО «Гамма»',
      country: 'RU',
      franchisee: true,
    });
    p3 = api.key('partner', 'P3');
    await world.ok('POST', '/api/v1/clients', world.client('C1'), world.p1);
    for (const partner of ['P2', 'P3'])
      await world.ok('POST', `/api/v1/partners/${partner}/astral-certification`, {
        certifiedOn: '2015-01-01',
      });
    for (const saleId of ['S-1', 'S-2'])
      await world.ok('POST', '/api/v1/sales', sale(saleId, { soldOn: '2015-01-15' }), world.p1);
  });
  afterAll(() => api.close());

  describe('NOT_OWN_CLIENT', () => {
    it('422 when another partner migrates P1’s client to-local, and P1 still sells to it', async () => {
      for (const key of [p3, world.p2]) {
        const partnerId = key === p3 ? 'P3' : 'P2';
        const answer = await refused('POST', '/api/v1/clients/C1/migrations', key, {
          partnerId,
          direction: 'to-local',
          migratedOn: '2015-03-01',
        });
        expect(statusAndCode(answer)).toEqual([422, 'NOT_OWN_CLIENT']);
      }
      const { body } = await world.ok('POST', '/api/v1/sales', sale('S-OWN'), world.p1);
      expect(body.events[1].data).toMatchObject({
        rule: 'non-csk-experiment',
        retail: '12345.67',
        discount: '2469.13',
        net: '9876.54',
      });
    });
    it('422 when a non-CSK partner certified by Калуга Астрал connects 1С-Отчетность for P1’s client', async () => {
      const answer = await refused('POST', '/api/v1/clients/C1/reporting', p3, {
        partnerId: 'P3',
        connectedOn: '2015-03-01',
      });
      expect(statusAndCode(answer)).toEqual([422, 'NOT_OWN_CLIENT']);
    });
    it('201 when the CSK partner certified by Калуга Астрал connects 1С-Отчетность for P1’s client', async () => {
      const { body } = await world.ok(
        'POST',
        '/api/v1/clients/C1/reporting',
        { partnerId: 'P2', connectedOn: '2015-03-02' },
        world.p2,
      );
      expect(body.events[0]).toMatchObject({
        type: 'ReportingConnected',
        streamId: 'client-C1',
        data: { clientId: 'C1', partnerId: 'P2', connectedOn: '2015-03-02' },
      });
    });
  });

  describe('RETROACTIVE_DECISION', () => {
    it('422 for a change decided on 20 August 2015 taking effect on 19 August', async () => {
      const answer = await refused('POST', '/api/v1/experiments/exp-2014/decision', world.vendor, {
        decision: 'change',
        decidedOn: '2015-08-20',
        effectiveOn: '2015-08-19',
        newDiscountRate: '0.15',
      });
      expect(statusAndCode(answer)).toEqual([422, 'RETROACTIVE_DECISION']);
    });
    it('422 for a termination decided on 1 April 2015 taking effect on 31 March', async () => {
      const answer = await refused('POST', '/api/v1/experiments/exp-2014/decision', world.vendor, {
        decision: 'terminate',
        decidedOn: '2015-04-01',
        effectiveOn: '2015-03-31',
      });
      expect(statusAndCode(answer)).toEqual([422, 'RETROACTIVE_DECISION']);
    });
  });

  describe('NOT_CERTIFIED', () => {
    const revoke = (partnerId: string, revokedOn: string) =>
      refused('POST', `/api/v1/partners/${partnerId}/csk-certification/revocation`, world.vendor, {
        revokedOn,
        reason: 'no specialists',
      });
    it('422 for revoking the CSK status of a partner that never held it', async () => {
      expect(statusAndCode(await revoke('P1', '2015-03-01'))).toEqual([422, 'NOT_CERTIFIED']);
    });
    it('422 for a revocation dated the day before the certification of 1 June 2013', async () => {
      expect(statusAndCode(await revoke('P2', '2013-05-31'))).toEqual([422, 'NOT_CERTIFIED']);
    });
  });

  it('409 ALREADY_EXISTS for a second payment of a sale: a sale is paid once', async () => {
    const payment = { paidOn: '2015-01-20', amount: '9876.54' };
    await world.ok('POST', '/api/v1/sales/S-2/payment', payment);
    const again = await refused('POST', '/api/v1/sales/S-2/payment', world.vendor, {
      ...payment,
      paidOn: '2015-01-21',
    });
    expect(statusAndCode(again)).toEqual([409, 'ALREADY_EXISTS']);
  });

  describe('money bounds', () => {
    it('sells 1 000 units at 9 999 999.99: retail 9 999 999 990.00 = discount + net, exactly', async () => {
      await world.ok('PUT', '/api/v1/price-list', {
        effectiveFrom: '2015-04-01',
        cskDiscountRate: '0.3333',
        positions: [{ code: 'BP-5-12', name: 'Бухгалтерия, предел', retailPrice: '9999999.99' }],
      });
      await world.ok('POST', '/api/v1/clients', world.client('C2', 'P2'), world.p2);
      const { body } = await world.ok(
        'POST',
        '/api/v1/sales',
        sale('S-MAX', { partnerId: 'P2', clientId: 'C2', quantity: 1_000, soldOn: '2015-04-01' }),
        world.p2,
      );
      expect(body.events[1].data).toMatchObject({
        rule: 'csk',
        rate: '0.3333',
        retail: '9999999990.00',
        discount: '3332999996.67',
        net: '6666999993.33',
      });
      const paid = await world.ok('POST', '/api/v1/sales/S-MAX/payment', {
        paidOn: '2015-04-02',
        amount: '9999999990.00',
      });
      expect(paid.body.events[0].data.amount).toBe('9999999990.00');
    });
    it('400 on the field for a price, a quantity or a payment beyond the bounds', async () => {
      const fieldOf = (answer: Answer) => [
        answer.status,
        answer.body.code,
        answer.body.errors.map((e: { field: string }) => e.field),
      ];
      const price = await refused('PUT', '/api/v1/price-list', world.vendor, {
        effectiveFrom: '2015-05-01',
        cskDiscountRate: '0.50',
        positions: [{ code: 'BP-5-12', name: 'Бухгалтерия', retailPrice: '10000000.00' }],
      });
      expect(fieldOf(price)).toEqual([400, 'VALIDATION_FAILED', ['positions.0.retailPrice']]);
      const quantity = await refused(
        'POST',
        '/api/v1/sales',
        world.p1,
        sale('S-1001', { quantity: 1_001 }),
      );
      expect(fieldOf(quantity)).toEqual([400, 'VALIDATION_FAILED', ['quantity']]);
      const payment = await refused('POST', '/api/v1/sales/S-1/payment', world.vendor, {
        paidOn: '2015-01-20',
        amount: '9999999990.01',
      });
      expect(fieldOf(payment)).toEqual([400, 'VALIDATION_FAILED', ['amount']]);
    });
  });
});
