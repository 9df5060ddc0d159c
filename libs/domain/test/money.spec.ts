import {
  applyRate,
  formatMoney,
  formatRate,
  isMoney,
  isRate,
  isValidInn,
  normaliseRate,
  parseMoney,
  parseRate,
} from '../src';

describe('money in kopecks', () => {
  it('parses decimal strings to kopecks', () => {
    expect(parseMoney('1234.50')).toBe(123_450);
    expect(parseMoney('1234.5')).toBe(123_450);
    expect(parseMoney('0.07')).toBe(7);
    expect(parseMoney('12')).toBe(1_200);
  });
  it('formats kopecks with two places', () => {
    expect(formatMoney(123_450)).toBe('1234.50');
    expect(formatMoney(7)).toBe('0.07');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(-1_005)).toBe('-10.05');
  });
  it('refuses amounts with three places, signs or exponents', () => {
    for (const bad of ['1.234', '-1.00', '1e3', '', ' 1.00', '1,00'])
      expect(isMoney(bad)).toBe(false);
  });
  it('rounds the discount half up to the kopeck', () => {
    expect(applyRate(123_457, parseRate('0.20'))).toBe(24_691); // 246.914 → 246.91
    expect(applyRate(123_458, parseRate('0.20'))).toBe(24_692); // 246.9160 → 246.92
    expect(applyRate(100, parseRate('0.125'))).toBe(13); // 0.125 → 0.13
    expect(applyRate(12, parseRate('0.125'))).toBe(2); // 0.015 → 0.02
    expect(applyRate(4, parseRate('0.125'))).toBe(1); // 0.005 → 0.01
    expect(applyRate(3, parseRate('0.125'))).toBe(0); // 0.00375 → 0.00
  });
  it('keeps exact amounts beyond 2^53 / 10 000', () => {
    expect(applyRate(9_000_000_000_000, parseRate('0.3333'))).toBe(2_999_700_000_000);
  });
});

describe('rates', () => {
  it('accepts 0 to 1 with up to four places and prints them with at least two', () => {
    expect(parseRate('0.20')).toBe(2_000);
    expect(parseRate('0.2')).toBe(2_000);
    expect(parseRate('1')).toBe(10_000);
    expect(formatRate(2_000)).toBe('0.20');
    expect(formatRate(1_250)).toBe('0.125');
    expect(formatRate(0)).toBe('0.00');
    expect(normaliseRate('0.5000')).toBe('0.50');
  });
  it('refuses rates above one, negative or too precise', () => {
    for (const bad of ['1.01', '-0.2', '0.12345', '20%', '2']) expect(isRate(bad)).toBe(false);
  });
});

describe('INN', () => {
  it('accepts a company INN (10 digits) and an entrepreneur INN (12 digits) with correct check digits', () => {
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('500100732259')).toBe(true);
  });
  it('refuses a wrong check digit, a wrong length and non-digits', () => {
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('500100732249')).toBe(false);
    expect(isValidInn('77070838')).toBe(false);
    expect(isValidInn('77070838931')).toBe(false);
    expect(isValidInn('77070838a3')).toBe(false);
  });
});
