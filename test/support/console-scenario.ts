import { Harness } from './harness';

/**
 * The console's scenario, with known answers (UT-1-1 at 999.50 → net 799.60 at 20 %; BP-5-12 at
 * 12345.67 → net 6172.83 at the CSK 50 %):
 *  P1 «Альфа», non-CSK: clients A1..A10 connected 10 Dec 2014, one UT-1-1 each on 10 Jan 2015,
 *     A1..A9 paid 1–9 Feb, A10 on 10 Feb: its tenth paying client, on the published list from 10 Feb.
 *  P2 «Бета-ЦСК», CSK since 2013: B1..B3 connected 5 Jan, BP-5-12 each on 6 Jan, paid 15 Jan.
 *  P3 «Гамма», non-CSK: C1, C2 connected 1 Feb, UT-1-1 each on 2 Feb, paid 3 Feb; Astral-certified
 *     on 20 Jan; obligations breached from 1 Mar.
 *  exp-2014 runs 8 Dec 2014 – 31 May 2015 at 20 %; changed to 15 % from 1 Apr (decided 20 Mar);
 *  extended to 30 Jun 2015 (decided 15 May).
 */
export async function seedConsoleScenario(api: Harness) {
  const vendor = api.key('vendor');
  const keys: Record<string, string> = {};
  const ok = async (method: string, path: string, body: unknown, key = vendor) => {
    const answer = await api.call(method, path, { key, body });
    if (answer.status !== 201)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const names: Record<string, string> = {
    P1: 'ООО «Альфа»',
    P2: 'ООО «Бета-ЦСК»',
    P3: 'ООО «Гамма»',
  };
  for (const [partnerId, name] of Object.entries(names)) {
    keys[partnerId] = api.key('partner', partnerId);
    await ok('POST', '/api/v1/partners', { partnerId, name, country: 'RU', franchisee: true });
  }
  await ok('POST', '/api/v1/partners/P2/csk-certification', {
    certifiedOn: '2013-06-01',
    certifiedSpecialists: 4,
    responsibleEmployee: 'Петров П. П.',
    supportCommitment: true,
  });
  await ok('POST', '/api/v1/partners/P3/astral-certification', { certifiedOn: '2015-01-20' });
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
    decidedOn: '2015-03-20',
    effectiveOn: '2015-04-01',
    newDiscountRate: '0.15',
  });
  await ok('POST', '/api/v1/experiments/exp-2014/decision', {
    decision: 'extend',
    decidedOn: '2015-05-15',
    newEndsOn: '2015-06-30',
  });
  const client = (partnerId: string, clientId: string, connectedOn: string) =>
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
      },
      keys[partnerId],
    );
  const sale = (partnerId: string, clientId: string, positionCode: string, soldOn: string) =>
    ok(
      'POST',
      '/api/v1/sales',
      { saleId: `S-${clientId}`, partnerId, clientId, positionCode, quantity: 1, soldOn },
      keys[partnerId],
    );
  const pay = (clientId: string, paidOn: string) =>
    ok('POST', `/api/v1/sales/S-${clientId}/payment`, { paidOn, amount: '1.00' });
  for (let i = 1; i <= 10; i++) {
    await client('P1', `A${i}`, '2014-12-10');
    await sale('P1', `A${i}`, 'UT-1-1', '2015-01-10');
    await pay(`A${i}`, `2015-02-${String(i).padStart(2, '0')}`);
  }
  for (let i = 1; i <= 3; i++) {
    await client('P2', `B${i}`, '2015-01-05');
    await sale('P2', `B${i}`, 'BP-5-12', '2015-01-06');
    await pay(`B${i}`, '2015-01-15');
  }
  for (let i = 1; i <= 2; i++) {
    await client('P3', `C${i}`, '2015-02-01');
    await sale('P3', `C${i}`, 'UT-1-1', '2015-02-02');
    await pay(`C${i}`, '2015-02-03');
  }
  await ok('POST', '/api/v1/partners/P3/obligations', { status: 'breached', since: '2015-03-01' });
  await api.settled();
  return { vendor, analyst: api.key('analyst'), auditor: api.key('auditor') };
}
