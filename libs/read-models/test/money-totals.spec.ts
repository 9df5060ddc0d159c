import { MAX_SALE_AMOUNT } from '@fresh/domain';
import { experimentAnalytics, PartnerDoc, rankPartners, storedKopecks } from '../src';
import { connected, discounted, givenEvents, paid, registered } from './given-events';

/** 999 units at the highest unit price: an odd number of kopecks, as close to the bound as it gets. */
const NEAR_MAX = 998_999_999_001;

describe('money totals are exact to the kopeck', () => {
  it('sums several sales at the maximum in every view, and discount + net = retail', async () => {
    const { queries } = await givenEvents([
      registered('P1'),
      connected('C1', 'P1', '2014-12-10'),
      connected('C2', 'P1', '2014-12-10'),
      discounted('S1', 'P1', 'C1', '2015-01-15', MAX_SALE_AMOUNT),
      discounted('S2', 'P1', 'C1', '2015-01-15', NEAR_MAX),
      discounted('S3', 'P1', 'C2', '2015-01-16', MAX_SALE_AMOUNT),
      paid('S1', 'P1', 'C1', '2015-02-01', MAX_SALE_AMOUNT),
      paid('S2', 'P1', 'C1', '2015-02-02', NEAR_MAX),
    ]);
    const total = {
      retail: 2_998_999_997_001n,
      discount: 599_799_999_400n,
      net: 2_399_199_997_601n,
    };
    expect(total.discount + total.net).toBe(total.retail);

    const partner = (await queries.partner('P1', '2015-03-01'))!;
    expect([partner.retail, partner.discount, partner.net]).toEqual([
      total.retail,
      total.discount,
      total.net,
    ]);
    expect(partner.paid).toEqual({ count: 2, amount: 1_998_999_998_001n });
    const [ranked] = await queries.rankings({
      asOf: '2015-03-01',
      segment: 'all',
      publishedOnly: false,
    });
    expect([ranked.retail, ranked.discount, ranked.net]).toEqual([
      total.retail,
      total.discount,
      total.net,
    ]);
    expect((await queries.client('C1', '2015-03-01'))!.sales).toEqual({
      count: 2,
      retail: 1_998_999_998_001n,
      discount: 399_799_999_600n,
      net: 1_599_199_998_401n,
    });
  });

  it('adds totals past 2^53 kopecks across partners without losing a kopeck', () => {
    // Each partner's day figure is a safe integer; forty of them are far past 2^53 together.
    const day = { count: 9_000, retail: 8_999_999_999_999_999, discount: 1_799_999_999_999_999 };
    expect(Number.isSafeInteger(day.retail)).toBe(true);
    const docs: PartnerDoc[] = Array.from({ length: 40 }, (_, i) => ({
      _id: `P${i}`,
      name: `P${i}`,
      country: 'RU',
      franchisee: true,
      region: null,
      registeredOn: '2014-12-01',
      sales: {
        '2015-01-15': { 'non-csk': { ...day, net: day.retail - day.discount } },
      },
    }));
    const analytics = experimentAnalytics(
      'E',
      {
        started: {
          experimentId: 'E',
          startsOn: '2014-12-08',
          endsOn: '2015-05-31',
          discountRate: '0.20',
        },
        decisions: [],
      },
      docs,
      'month',
    );
    const window = analytics.totals.window['non-csk'];
    expect(window).toMatchObject({
      sales: 360_000,
      retail: 359_999_999_999_999_960n,
      discount: 71_999_999_999_999_960n,
      net: 288_000_000_000_000_000n,
    });
    expect(window.discount + window.net).toBe(window.retail);
    expect(
      rankPartners(docs, { asOf: '2015-02-01', segment: 'all', publishedOnly: false })[0],
    ).toMatchObject({
      retail: 8_999_999_999_999_999n,
      net: 7_200_000_000_000_000n,
    });
  });

  it('refuses, loudly, a stored figure that cannot be exact', () => {
    expect(storedKopecks(0, 'x')).toBe(0n);
    expect(storedKopecks(undefined, 'x')).toBe(0n);
    expect(() => storedKopecks(2 ** 53, 'partner P1 sales on 2015-01-15 (csk)')).toThrow(
      'partner P1 sales on 2015-01-15 (csk) holds 9007199254740992, not an exact number of kopecks',
    );
    expect(() => storedKopecks(10.5, 'x')).toThrow('x holds 10.5, not an exact number of kopecks');
    expect(() => storedKopecks('10', 'x')).toThrow('x holds 10, not an exact number of kopecks');
  });
});
