import { createHash } from 'node:crypto';
import { chainHash, GENESIS } from '../src/hash-chain';

describe('chainHash', () => {
  it('is sha256 of the head array, the data JSON and the metadata JSON, one per line', () => {
    const head = JSON.stringify(['prev', 'sale-S1', 3, 'SubscriptionSold', 1]);
    const expected = createHash('sha256').update(`${head}\n{"a":"й"}\n{"m":1}`).digest('hex');
    expect(chainHash('prev', 'sale-S1', 3, 'SubscriptionSold', 1, '{"a":"й"}', '{"m":1}')).toBe(
      expected,
    );
  });

  it('keeps the value logs written before were chained with', () => {
    expect(chainHash(GENESIS, 'partner-P1', 0, 'PartnerRegistered', 1, '{}', '{}')).toBe(
      '8c43868a6562d8792d333bfa0cfffa2528475784aaabc82622b44ad18c0c96ae',
    );
  });
});
