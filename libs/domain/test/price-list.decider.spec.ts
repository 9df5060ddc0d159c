import { MAX_UNIT_PRICE, priceListDecider, PublishPriceList } from '../src';
import { TODAY } from './fixtures';
import { given } from './given';

const publish = (...prices: number[]): PublishPriceList => ({
  type: 'PublishPriceList',
  today: TODAY,
  data: {
    effectiveFrom: '2014-12-01',
    cskDiscountRate: '0.5',
    positions: prices.map((retailPrice, i) => ({
      code: `P-${i}`,
      name: `Позиция ${i}`,
      retailPrice,
    })),
  },
});

describe('publishing a price list', () => {
  it('publishes prices up to 9 999 999.99 roubles, with the CSK rate in canonical form', () => {
    given(priceListDecider)
      .when(publish(1, MAX_UNIT_PRICE), undefined)
      .then([
        {
          type: 'PriceListPublished',
          data: {
            effectiveFrom: '2014-12-01',
            cskDiscountRate: '0.50',
            positions: [
              { code: 'P-0', name: 'Позиция 0', retailPrice: 1 },
              { code: 'P-1', name: 'Позиция 1', retailPrice: 999_999_999 },
            ],
          },
        },
      ]);
  });
  it.each([
    ['10 000 000.00 roubles, a kopeck over the bound', MAX_UNIT_PRICE + 1],
    ['9 999 999 999 999.99 roubles', 999_999_999_999_999],
    ['zero', 0],
    ['a fraction of a kopeck', 100.5],
    ['not a number', Number.NaN],
  ])('rejects a price of %s (400 on the position’s retailPrice)', (_name, price) => {
    given(priceListDecider)
      .when(publish(100, price), undefined)
      .thenRejects('positions.1.retailPrice');
  });
  it('rejects a code that appears twice', () => {
    const command = publish(100, 200);
    command.data.positions[1].code = 'P-0';
    given(priceListDecider).when(command, undefined).thenRejects('positions.1.code');
  });
});
