import { isBusinessDate, record, valueOn } from '../src';

describe('timeline', () => {
  const t = record(record(record([], '2015-02-01', 'b'), '2015-01-01', 'a'), '2015-02-01', 'c');
  it('answers the value in force on a date, whatever order the entries were recorded in', () => {
    expect(valueOn(t, '2014-12-31', '-')).toBe('-');
    expect(valueOn(t, '2015-01-01', '-')).toBe('a');
    expect(valueOn(t, '2015-01-31', '-')).toBe('a');
  });
  it('lets the later record win on the same date', () => {
    expect(valueOn(t, '2015-02-01', '-')).toBe('c');
  });
});

describe('business dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isBusinessDate('2015-02-28')).toBe(true);
    expect(isBusinessDate('2016-02-29')).toBe(true);
    expect(isBusinessDate('2015-02-29')).toBe(false);
    expect(isBusinessDate('2015-13-01')).toBe(false);
    expect(isBusinessDate('2015-1-01')).toBe(false);
  });
});
