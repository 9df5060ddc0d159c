/** The values mutations draw from: odd ids, bad dates, values of the wrong type, huge and deep ones. */

/** Raw JSON spliced into a body where a marker string stands (numbers JSON can write but JS cannot, deep nesting). */
export class Raw {
  constructor(readonly text: string) {}
}

export const nest = (depth: number, open: string, close: string, inner = '') =>
  new Raw(open.repeat(depth) + inner + close.repeat(depth));

export const ODD_IDS = [
  '',
  ' ',
  'a b',
  'a'.repeat(65),
  'x'.repeat(5000),
  'Р-1',
  '..',
  'a.b',
  '-P1',
  '__proto__',
  'constructor',
  'P1\u0000',
  'P1\n',
  '😀',
  '$where',
  'P1%2F..',
];

export const BAD_DATES = [
  '2015-02-29',
  '2015-13-01',
  '2015-00-10',
  '2015-1-5',
  '15-01-05',
  '2015-01-05T00:00:00Z',
  '2015/01/05',
  '0000-01-01',
  '9999-12-31',
  '2100-01-01',
  '1899-12-31',
  '',
  '2015-01-05 ',
  '２０１５-01-05',
];

/** Values of every JSON type and of no type a field expects. */
export const WRONG_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0.5,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  '0',
  '1',
  'one',
  'true',
  [],
  [1],
  ['P1'],
  {},
  { a: 1 },
  { $gt: '' },
  '\u0000',
  '😀'.repeat(10),
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  'NaN',
  '-0.01',
  '1e3',
  '0x10',
  '12345.678',
  '99999999999999.99',
  new Raw('1e400'),
  new Raw('-0'),
  new Raw('9007199254740993'),
  new Raw('1E2'),
];

export const HUGE_VALUES = () => [
  'x'.repeat(1_000),
  'я'.repeat(20_000),
  'x'.repeat(60_000),
  Array.from({ length: 5_000 }, (_, i) => i),
  Array.from({ length: 2_000 }, () => ({})),
  new Raw('1' + '0'.repeat(400)),
  new Raw('0.' + '0'.repeat(400) + '1'),
];

export const DEEP = () => [
  nest(9, '[', ']'),
  nest(50, '{"a":', '}', '1'),
  nest(1_300, '[', ']'),
  nest(10_000, '[', ']'),
  nest(3_000, '{"x":[', ']}', '0'),
];

export const EXTRA_NAMES = [
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$set',
  'a.b',
  '',
  'discount',
  'rate',
  'events',
];

export const BAD_BODIES = [
  '',
  'null',
  '[]',
  '[{}]',
  '"text"',
  '42',
  'true',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  '\uFEFF{}',
  '{"a":1,"a":2}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  'NaN',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
];

export const MONEY_EDGES = [
  '0.01',
  '9999999.99',
  '10000000.00',
  '9999999990.00',
  '9999999990.01',
  '0',
];
export const COUNT_EDGES = [1, 1000, 1001, 1_000_000, 1_000_001, 0];
export const RATE_EDGES = ['0', '1', '1.0000', '0.0001', '0.99995', '1.01'];
