import {
  applyRate,
  DiscountApplied,
  formatMoney,
  formatRate,
  MAX_QUANTITY,
  MAX_SALE_AMOUNT,
  MAX_UNIT_PRICE,
  parseMoney,
  RateE4,
  retailOf,
  saleDecider,
  SubscriptionSold,
} from '../src';
import {
  cskCertified,
  experimentStarted,
  priceList,
  registered,
  saleContext,
  TODAY,
} from './fixtures';

/** mulberry32: a small seeded generator, so every run checks the same cases. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(values: readonly T[]) => values[int(0, values.length - 1)];
  return { next, int, pick };
}

/** amount × rate / 10 000, half up, in BigInt arithmetic written another way than applyRate. */
function referenceDiscount(retail: bigint, rate: bigint): bigint {
  const product = retail * rate;
  const whole = product / 10_000n;
  const remainder = product % 10_000n;
  return remainder * 2n >= 10_000n ? whole + 1n : whole;
}

const rng = seeded(20_141_208);
const PRICE_EDGES = [1, 2, 3, 5, 99, 100, 12_345, 1_234_567, MAX_UNIT_PRICE - 1, MAX_UNIT_PRICE];
const QUANTITY_EDGES = [1, 2, 3, 7, 999, MAX_QUANTITY];
const RATE_EDGES = [0, 1, 1_250, 2_000, 3_333, 4_999, 5_000, 6_667, 9_999, 10_000];
const cases = Array.from({ length: 3_000 }, (_, i) => ({
  unitPrice: i % 3 === 0 ? rng.pick(PRICE_EDGES) : rng.int(1, MAX_UNIT_PRICE),
  quantity: i % 3 === 1 ? rng.pick(QUANTITY_EDGES) : rng.int(1, MAX_QUANTITY),
  rate: i % 2 === 0 ? rng.pick(RATE_EDGES) : (rng.int(0, 10_000) as RateE4),
}));
// The maxima together, at every edge rate.
for (const rate of RATE_EDGES)
  cases.push({ unitPrice: MAX_UNIT_PRICE, quantity: MAX_QUANTITY, rate });

describe('money is exact within the bounds (3 000 seeded cases and the maxima)', () => {
  it('retail is price × quantity exactly, and never over the most one sale may cost', () => {
    for (const { unitPrice, quantity } of cases) {
      const retail = retailOf(unitPrice, quantity);
      expect(BigInt(retail)).toBe(BigInt(unitPrice) * BigInt(quantity));
      expect(retail).toBeLessThanOrEqual(MAX_SALE_AMOUNT);
    }
  });
  it('the discount is rounded half up to the kopeck, as a BigInt reference computes it', () => {
    for (const { unitPrice, quantity, rate } of cases) {
      const retail = retailOf(unitPrice, quantity);
      expect(BigInt(applyRate(retail, rate))).toBe(referenceDiscount(BigInt(retail), BigInt(rate)));
    }
  });
  it('rounds every tie up: each amount from 0.01 to 200.00 at every edge rate', () => {
    for (const rate of RATE_EDGES)
      for (let retail = 1; retail <= 20_000; retail++)
        if (applyRate(retail, rate) !== Number(referenceDiscount(BigInt(retail), BigInt(rate))))
          throw new Error(`${retail} at ${rate}: ${applyRate(retail, rate)}`);
    expect(applyRate(1, 5_000)).toBe(1); // 0.005 → 0.01
  });
  it('every sale the decider prices has discount + net = retail, to the kopeck and in its text', () => {
    for (const [i, { unitPrice, quantity, rate }] of cases.entries()) {
      // Even cases: a CSK partner at the price list's rate; odd: a non-CSK one at the experiment's.
      const csk = i % 2 === 0;
      const context = saleContext({
        partner: csk ? [registered(), cskCertified('2014-01-01')] : [registered()],
        experiments: [experimentStarted({ discountRate: formatRate(rate) })],
        priceList: [
          priceList('2014-12-01', { retailPrice: unitPrice, cskDiscountRate: formatRate(rate) }),
        ],
      });
      const [sold, applied] = saleDecider.decide(
        {
          type: 'SellSubscription',
          today: TODAY,
          data: {
            saleId: 'S1',
            partnerId: 'P1',
            clientId: 'C1',
            positionCode: 'BP-5-12',
            quantity,
            soldOn: '2015-01-15',
          },
        },
        { exists: false },
        context,
      ) as [SubscriptionSold, DiscountApplied];
      const { retail, discount, net } = applied.data;
      const exact = BigInt(unitPrice) * BigInt(quantity);
      expect([sold.data.retail, retail].map(BigInt)).toEqual([exact, exact]);
      expect(BigInt(discount)).toBe(referenceDiscount(exact, BigInt(rate)));
      expect(BigInt(discount) + BigInt(net)).toBe(exact);
      expect([retail, discount, net].every(Number.isSafeInteger)).toBe(true);
      expect(parseMoney(formatMoney(discount)) + parseMoney(formatMoney(net))).toBe(
        parseMoney(formatMoney(retail)),
      );
    }
  });
  it('at the maxima: 1 000 × 9 999 999.99 at 33.33 % is 9 999 999 990.00 = 3 332 999 996.67 + 6 666 999 993.33', () => {
    const retail = retailOf(MAX_UNIT_PRICE, MAX_QUANTITY);
    const discount = applyRate(retail, 3_333);
    expect([retail, discount, retail - discount].map(formatMoney)).toEqual([
      '9999999990.00',
      '3332999996.67',
      '6666999993.33',
    ]);
  });
  it('refuses, rather than rounds, a product a number cannot hold exactly', () => {
    expect(() => retailOf(999_999_999_999_999, 100_000)).toThrow(RangeError);
    expect(() => applyRate(Number.MAX_SAFE_INTEGER + 1, 2_000)).toThrow(RangeError);
  });
});
