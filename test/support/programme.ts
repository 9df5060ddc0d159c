import { Harness } from './harness';

/** The letter's world: a price list, the experiment, a non-CSK partner P1 and a CSK partner P2. */
export async function seedProgramme(api: Harness) {
  const vendor = api.key('vendor');
  const p1 = api.key('partner', 'P1');
  const p2 = api.key('partner', 'P2');
  const ok = async (method: string, path: string, body: unknown, key = vendor) => {
    const answer = await api.call(method, path, { key, body });
    if (answer.status !== 201)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  await ok('POST', '/api/v1/partners', {
    partnerId: 'P1',
    name: 'ООО «Альфа»',
    country: 'RU',
    franchisee: true,
    region: 'Калуга',
  });
  await ok('POST', '/api/v1/partners', {
    partnerId: 'P2',
    name: 'ООО «Бета-ЦСК»',
    country: 'RU',
    franchisee: true,
  });
  await ok('POST', '/api/v1/partners/P2/csk-certification', {
    certifiedOn: '2013-06-01',
    certifiedSpecialists: 4,
    responsibleEmployee: 'Петров П. П.',
    supportCommitment: true,
  });
  await ok('PUT', '/api/v1/price-list', {
    effectiveFrom: '2014-12-01',
    cskDiscountRate: '0.50',
    positions: [
      {
        code: 'BP-5-12',
        name: 'Бухгалтерия предприятия, 5 мест, 12 месяцев',
        retailPrice: '12345.67',
        workplaces: 5,
        months: 12,
      },
      {
        code: 'UT-1-1',
        name: 'Управление торговлей, 1 место, 1 месяц',
        retailPrice: '999.50',
        workplaces: 1,
        months: 1,
      },
    ],
  });
  await ok('POST', '/api/v1/experiments', {
    experimentId: 'exp-2014',
    startsOn: '2014-12-08',
    endsOn: '2015-05-31',
    discountRate: '0.20',
  });
  const client = (clientId: string, partnerId = 'P1', connectedOn = '2014-12-10') => ({
    clientId,
    partnerId,
    inn: '7707083893',
    name: `Клиент ${clientId}`,
    application: 'Бухгалтерия предприятия',
    workplaces: 3,
    basis: 'itsaas',
    connectedOn,
  });
  return { vendor, p1, p2, ok, client };
}
