import { formatMoney } from '@fresh/domain';
import { BySegment, Compared, Money, SegmentOrAll, WhatIfResult } from './evaluate';

const FIGURES = [
  'sales',
  'retail',
  'discount',
  'net',
  'newPayingClients',
  'payingClients',
  'publishedPartners',
] as const;
const MONEY = new Set<string>(['retail', 'discount', 'net']);
const SIDES = ['actual', 'scenario', 'difference'] as const;
const SEGMENTS: readonly SegmentOrAll[] = ['all', 'csk', 'non-csk'];

export interface WhatIfTable {
  columns: string[];
  rows: (string | number | null)[][];
}

const ACCEPTED = ['sales', 'retail', 'discount', 'net'] as const;

/**
 * The answer as one table, for files (CSV, XLSX): a row per period and segment, then a `total` row
 * per segment; per figure an actual, a scenario and a difference column, then the sales refused in
 * reality that the scenario would accept (`….wouldBeAccepted`, empty while none is on record).
 * Money is decimal text.
 */
export function whatIfRows(result: WhatIfResult): WhatIfTable {
  const columns = [
    'period',
    'from',
    'to',
    'segment',
    ...FIGURES.flatMap((f) => SIDES.map((side) => `${f}.${side}`)),
    ...ACCEPTED.map((f) => `${f}.wouldBeAccepted`),
  ];
  const row = (
    period: string,
    from: string,
    to: string,
    compared: Compared<object> & { wouldBeAccepted: BySegment<Money> },
    segment: SegmentOrAll,
  ) => [
    period,
    from,
    to,
    segment,
    ...FIGURES.flatMap((f) =>
      SIDES.map((side) => {
        const value = (compared[side] as BySegment<Record<string, number>>)[segment][f];
        if (value === undefined) return null;
        return MONEY.has(f) ? formatMoney(value) : value;
      }),
    ),
    ...ACCEPTED.map((f) => {
      if (!result.refusalsOnRecord) return null;
      const value = compared.wouldBeAccepted[segment][f];
      return MONEY.has(f) ? formatMoney(value) : value;
    }),
  ];
  const rows = [
    ...result.periods.flatMap((p) => SEGMENTS.map((s) => row(p.period, p.from, p.to, p, s))),
    ...SEGMENTS.map((s) => row('total', result.span.from, result.span.to, result.totals, s)),
  ];
  return { columns, rows };
}
