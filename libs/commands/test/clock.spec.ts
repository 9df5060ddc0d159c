import { moscowDate } from '../src/clock';

describe('moscowDate', () => {
  it('turns the day at midnight in Moscow (UTC+3 since October 2014), also within one second', () => {
    expect(moscowDate(new Date('2015-05-31T20:59:59.000Z'))).toBe('2015-05-31');
    expect(moscowDate(new Date('2015-05-31T20:59:59.999Z'))).toBe('2015-05-31');
    expect(moscowDate(new Date('2015-05-31T21:00:00.000Z'))).toBe('2015-06-01');
    expect(moscowDate(new Date('2015-05-31T20:59:59.500Z'))).toBe('2015-05-31');
  });

  it('uses the offset Moscow had on that date (UTC+4 until 26 October 2014)', () => {
    expect(moscowDate(new Date('2014-10-01T19:59:59.999Z'))).toBe('2014-10-01');
    expect(moscowDate(new Date('2014-10-01T20:00:00.000Z'))).toBe('2014-10-02');
    expect(moscowDate(new Date('2014-12-01T20:30:00.000Z'))).toBe('2014-12-01');
  });
});
