import { EventStore } from '@fresh/event-store';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

/** Request validation: every refusal is 400 VALIDATION_FAILED naming each field's real problem, and records nothing. */
describe('request validation', () => {
  let api: Harness;
  let world: Awaited<ReturnType<typeof seedProgramme>>;

  beforeAll(async () => {
    api = await Harness.start();
    world = await seedProgramme(api);
    await world.ok('POST', '/api/v1/clients', world.client('C1'), world.p1);
    await world.ok(
      'POST',
      '/api/v1/sales',
      {
        saleId: 'S1',
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'BP-5-12',
        quantity: 1,
        soldOn: '2015-01-15',
      },
      world.p1,
    );
  });
  afterAll(() => api.close());

  const head = async () => (await api.app.get(EventStore).headPosition()) ?? 0n;

  /** Sends, expects 400 VALIDATION_FAILED as problem+json and an unmoved log; returns errors[]. */
  const refused = async (method: string, path: string, key: string, body: unknown) => {
    const before = await head();
    const answer = await api.call(method, path, {
      key,
      raw: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect([answer.status, answer.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await head()).toBe(before);
    return answer.body.errors as { field: string; message: string }[];
  };

  const position = {
    code: 'BP-5-12',
    name: 'Бухгалтерия предприятия',
    retailPrice: '100.00',
  };
  const priceList = (positions: unknown) => ({
    effectiveFrom: '2015-03-01',
    cskDiscountRate: '0.50',
    positions,
  });
  const sale = (over: Record<string, unknown> = {}) => ({
    saleId: 'S9',
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    quantity: 1,
    soldOn: '2015-02-01',
    ...over,
  });
  const partner = (over: Record<string, unknown> = {}) => ({
    partnerId: 'P9',
    name: 'ООО «Гамма»',
    country: 'RU',
    franchisee: true,
    ...over,
  });

  describe('nesting', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

    it('1 300 nested arrays on a command route are a field error, not a stack overflow', async () => {
      const body = `{"partnerId":"P9","name":"x","country":"RU","franchisee":true,"region":${nested(1300)}}`;
      expect(body.length).toBeGreaterThan(2600);
      expect(await refused('POST', '/api/v1/partners', world.vendor, body)).toEqual([
        {
          field: 'region.0.0.0.0.0.0.0',
          message: 'region.0.0.0.0.0.0.0 nests deeper than 8 levels',
        },
      ]);
      const unknownField = `{"deep":${nested(5000)}}`;
      expect((await refused('POST', '/api/v1/sales', world.p1, unknownField))[0].message).toMatch(
        /nests deeper than 8 levels$/,
      );
    });

    it('the deepest body the size limit allows, with an Idempotency-Key, is refused the same way', async () => {
      const before = await head();
      const answer = await api.call('POST', '/api/v1/sales', {
        key: world.p1,
        raw: `{"saleId":${nested(32_000)}}`,
        headers: { 'idempotency-key': 'deep-1' },
      });
      expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(answer.body.errors).toEqual([
        {
          field: 'saleId.0.0.0.0.0.0.0',
          message: 'saleId.0.0.0.0.0.0.0 nests deeper than 8 levels',
        },
      ]);
      expect(await head()).toBe(before);
    });

    it('an element of positions that is not an object is a field error', async () => {
      for (const element of [[], null, 'BP-5-12', 5, true, [position]]) {
        expect(
          await refused('PUT', '/api/v1/price-list', world.vendor, priceList([position, element])),
        ).toEqual([{ field: 'positions', message: 'positions.1 must be an object' }]);
      }
      expect(
        await refused('PUT', '/api/v1/price-list', world.vendor, priceList({ 0: position })),
      ).toEqual([{ field: 'positions', message: 'positions must be an array' }]);
    });

    it('a body that is not a JSON object', async () => {
      for (const body of [[], [sale()], '"S9"', '42', 'true']) {
        expect(await refused('POST', '/api/v1/sales', world.p1, body)).toEqual([
          { field: 'body', message: 'the body must be a JSON object' },
        ]);
      }
    });
  });

  describe('nested objects are checked like bodies', () => {
    const client = (itsProfContract: unknown) => ({
      ...world.client('C9'),
      basis: 'its-prof',
      itsProfContract,
    });

    it.each([
      [[], 'itsProfContract must be an object'],
      [[[[]]], 'itsProfContract must be an object'],
      ['ИТС-1', 'itsProfContract must be an object'],
      [7, 'itsProfContract must be an object'],
    ])('itsProfContract %j is refused', async (value, message) => {
      expect(await refused('POST', '/api/v1/clients', world.p1, client(value))).toEqual([
        { field: 'itsProfContract', message },
      ]);
    });

    it('its required fields, their types and no unknown fields', async () => {
      expect(await refused('POST', '/api/v1/clients', world.p1, client({}))).toEqual([
        { field: 'itsProfContract.number', message: 'number is required' },
        { field: 'itsProfContract.validUntil', message: 'validUntil is required' },
      ]);
      expect(
        await refused(
          'POST',
          '/api/v1/clients',
          world.p1,
          client({ number: 5, validUntil: '2015-13-01', extra: 1 }),
        ),
      ).toEqual([
        { field: 'itsProfContract.extra', message: 'property extra should not exist' },
        { field: 'itsProfContract.number', message: 'number must be a string' },
        {
          field: 'itsProfContract.validUntil',
          message: 'validUntil must be a calendar date YYYY-MM-DD',
        },
      ]);
      expect(
        await refused(
          'PUT',
          '/api/v1/price-list',
          world.vendor,
          priceList([{ ...position, x: 1 }]),
        ),
      ).toEqual([{ field: 'positions.0.x', message: 'property x should not exist' }]);
    });

    it('a valid contract is recorded as sent', async () => {
      const contract = { number: 'ИТС-2014-000123', validUntil: '2015-12-31' };
      const answer = await api.call('POST', '/api/v1/clients', {
        key: world.p1,
        body: client(contract),
      });
      expect(answer.status).toBe(201);
      expect(answer.body.events[0].data.itsProfContract).toEqual(contract);
    });
  });

  it('the OpenAPI document describes nested objects and bounds', async () => {
    const doc = (await (await fetch(`${api.url}/docs-json`)).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const schemas = doc.components.schemas;
    expect(schemas.PublishPriceListDto.properties.positions.items).toEqual({
      $ref: '#/components/schemas/PricePositionDto',
    });
    expect(schemas.ConnectClientDto.properties.itsProfContract).toEqual({
      $ref: '#/components/schemas/ItsProfContractDto',
    });
    expect(schemas.ItsProfContractDto.required).toEqual(['number', 'validUntil']);
    expect(schemas.SellSubscriptionDto.properties.quantity).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 1000,
    });
    expect(schemas.PricePositionDto.properties.retailPrice.description).toMatch(
      /at most 9999999\.99$/,
    );
  });

  describe('money bounds', () => {
    it('a unit price above 9 999 999.99 is refused, and that price itself is accepted', async () => {
      expect(
        await refused(
          'PUT',
          '/api/v1/price-list',
          world.vendor,
          priceList([{ ...position, retailPrice: '10000000.00' }]),
        ),
      ).toEqual([
        { field: 'positions.0.retailPrice', message: 'retailPrice must be at most 9999999.99' },
      ]);
      const answer = await api.call('PUT', '/api/v1/price-list', {
        key: world.vendor,
        body: priceList([{ ...position, retailPrice: '9999999.99' }]),
      });
      expect(answer.status).toBe(201);
    });

    it('a quantity outside 1..1000 is refused', async () => {
      for (const [quantity, message] of [
        [0, 'quantity must be at least 1'],
        [1001, 'quantity must be at most 1000'],
        [1.5, 'quantity must be a whole number'],
      ] as const) {
        expect(await refused('POST', '/api/v1/sales', world.p1, sale({ quantity }))).toEqual([
          { field: 'quantity', message },
        ]);
      }
    });

    it('a payment above what one sale can cost is refused', async () => {
      expect(
        await refused('POST', '/api/v1/sales/S1/payment', world.vendor, {
          paidOn: '2015-02-01',
          amount: '9999999990.01',
        }),
      ).toEqual([{ field: 'amount', message: 'amount must be at most 9999999990.00' }]);
      expect(
        await refused('POST', '/api/v1/sales/S1/payment', world.vendor, {
          paidOn: '2015-02-01',
          amount: '0.00',
        }),
      ).toEqual([{ field: 'amount', message: 'amount must be more than 0' }]);
    });
  });

  describe('the first message names the real problem: missing, then type, then range', () => {
    it('a missing name is missing, not too long', async () => {
      const { name: _name, ...noName } = partner();
      expect(await refused('POST', '/api/v1/partners', world.vendor, noName)).toEqual([
        { field: 'name', message: 'name is required' },
      ]);
      expect(
        await refused('POST', '/api/v1/partners', world.vendor, partner({ name: null })),
      ).toEqual([{ field: 'name', message: 'name must not be null' }]);
    });

    it('"one" as a quantity is the wrong type, not out of range', async () => {
      expect(await refused('POST', '/api/v1/sales', world.p1, sale({ quantity: 'one' }))).toEqual([
        { field: 'quantity', message: 'quantity must be a whole number' },
      ]);
    });

    it('every kind of field: missing, wrong type, then format', async () => {
      const kinds: [string, string, unknown, string, unknown, string][] = [
        ['partnerId', 'is required', 5, 'must be a string', 'a b', 'must be 1-64 letters'],
        ['name', 'is required', [], 'must be a string', '', 'must not be empty'],
        ['country', 'is required', 1, 'must be a string', 'XX', 'must be an ISO 3166-1'],
        ['franchisee', 'is required', 'yes', 'must be true or false', undefined, ''],
        ['region', '', 5, 'must be a string', 'x'.repeat(201), 'must be at most 200 characters'],
      ];
      for (const [field, missing, wrongType, typeMessage, wrongValue, valueMessage] of kinds) {
        const { [field]: _omit, ...without } = partner() as Record<string, unknown>;
        if (missing)
          expect(await refused('POST', '/api/v1/partners', world.vendor, without)).toEqual([
            { field, message: `${field} ${missing}` },
          ]);
        expect(
          await refused('POST', '/api/v1/partners', world.vendor, partner({ [field]: wrongType })),
        ).toEqual([{ field, message: `${field} ${typeMessage}` }]);
        if (wrongValue !== undefined) {
          const [error] = await refused(
            'POST',
            '/api/v1/partners',
            world.vendor,
            partner({ [field]: wrongValue }),
          );
          expect(error.field).toBe(field);
          expect(error.message.startsWith(`${field} ${valueMessage}`)).toBe(true);
        }
      }
    });

    it('money and rates: type before format before range', async () => {
      const rate = (cskDiscountRate: unknown) => ({ ...priceList([position]), cskDiscountRate });
      expect(await refused('PUT', '/api/v1/price-list', world.vendor, rate(0.5))).toEqual([
        { field: 'cskDiscountRate', message: 'cskDiscountRate must be a string such as "0.20"' },
      ]);
      const price = (retailPrice: unknown) => priceList([{ ...position, retailPrice }]);
      for (const [value, message] of [
        [100, 'retailPrice must be a string such as "1234.50"'],
        ['1e9', 'retailPrice must be an amount of roubles with up to two decimals, e.g. "1234.50"'],
        [
          '99999999999999',
          'retailPrice must be an amount of roubles with up to two decimals, e.g. "1234.50"',
        ],
      ] as const) {
        expect(await refused('PUT', '/api/v1/price-list', world.vendor, price(value))).toEqual([
          { field: 'positions.0.retailPrice', message },
        ]);
      }
    });

    it('counts: type, then each bound', async () => {
      const certify = (certifiedSpecialists: unknown) => ({
        certifiedOn: '2015-01-10',
        certifiedSpecialists,
        responsibleEmployee: 'Петров',
        supportCommitment: true,
      });
      for (const [value, message] of [
        ['3', 'certifiedSpecialists must be a whole number'],
        [1e300, 'certifiedSpecialists must be at most 1000000'],
        [0, 'certifiedSpecialists must be at least 1'],
      ] as const) {
        expect(
          await refused(
            'POST',
            '/api/v1/partners/P1/csk-certification',
            world.vendor,
            certify(value),
          ),
        ).toEqual([{ field: 'certifiedSpecialists', message }]);
      }
      expect(
        await refused('POST', '/api/v1/partners/P1/csk-certification', world.vendor, {
          ...certify(3),
          supportCommitment: false,
        }),
      ).toEqual([{ field: 'supportCommitment', message: 'supportCommitment must be true' }]);
    });

    it('enumerations name their values', async () => {
      expect(
        await refused('POST', '/api/v1/experiments/exp-2014/decision', world.vendor, {
          decision: 'pause',
          decidedOn: '2015-01-10',
        }),
      ).toEqual([
        { field: 'decision', message: 'decision must be one of: extend, change, terminate' },
      ]);
    });
  });
});
