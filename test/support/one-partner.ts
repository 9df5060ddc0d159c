/** Sends a command and throws unless it was recorded (201); `key` defaults to the vendor's. */
export type Recorded = (
  method: string,
  path: string,
  body: unknown,
  key?: string,
) => Promise<unknown>;

/** A client of P1 connected on 10.12.2014 (ITSaaS). */
export const clientOfP1 = (clientId: string) => ({
  clientId,
  partnerId: 'P1',
  inn: '7707083893',
  name: `Клиент ${clientId}`,
  application: 'Бухгалтерия предприятия',
  workplaces: 3,
  basis: 'itsaas',
  connectedOn: '2014-12-10',
});

/**
 * The smallest world a sale needs, four events: a non-CSK partner P1, a price list with BP-5-12 at
 * 12345.67, the experiment exp-2014 (08.12.2014–31.05.2015, 20 %) and P1's client C1.
 */
export async function seedOnePartner(ok: Recorded, partnerKey: string): Promise<void> {
  await ok('POST', '/api/v1/partners', {
    partnerId: 'P1',
    name: 'ООО «Альфа»',
    country: 'RU',
    franchisee: true,
  });
  await ok('PUT', '/api/v1/price-list', {
    effectiveFrom: '2014-12-01',
    cskDiscountRate: '0.50',
    positions: [{ code: 'BP-5-12', name: 'БП', retailPrice: '12345.67' }],
  });
  await ok('POST', '/api/v1/experiments', {
    experimentId: 'exp-2014',
    startsOn: '2014-12-08',
    endsOn: '2015-05-31',
    discountRate: '0.20',
  });
  await ok('POST', '/api/v1/clients', clientOfP1('C1'), partnerKey);
}
