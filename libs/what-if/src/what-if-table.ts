import { formatMoney } from '@fresh/domain';
import { SegmentOrAll, Terms, WhatIfResult } from './evaluate';

const signed = (n: number, text: string) => (n > 0 ? `+${text}` : text);
const roubles = (kopecks: number) => formatMoney(kopecks);

function grid(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

function termsLine(terms: Terms): string {
  const decisions = terms.decisions.map(
    (d) =>
      `${d.decision}@${d.effectiveOn}` +
      (d.newEndsOn ? ` to ${d.newEndsOn}` : '') +
      (d.newDiscountRate ? ` rate ${d.newDiscountRate}` : ''),
  );
  return (
    `${terms.startsOn}..${terms.endsOn} at ${terms.discountRate}` +
    (decisions.length ? `; ${decisions.join(', ')}` : '; no decisions')
  );
}

/** The answer as text for a terminal: terms, totals, periods, changes, partners, caveats. */
export function formatWhatIfTable(result: WhatIfResult): string {
  const out: string[] = [];
  const { totals, changes } = result;
  out.push(`What if — experiment ${result.experimentId}`);
  out.push(`  actual:   ${termsLine(result.actual.terms)}`);
  out.push(`  scenario: ${termsLine(result.scenario.terms)}`);
  out.push(
    `  days compared ${result.span.from}..${result.span.to}; paying clients and published partners as of ${totals.asOf}`,
  );
  out.push('');
  const figures: [string, (f: Record<string, number>) => string][] = [
    ['sales', (f) => String(f.sales)],
    ['retail', (f) => roubles(f.retail)],
    ['discount', (f) => roubles(f.discount)],
    ['net', (f) => roubles(f.net)],
    ['paying clients', (f) => String(f.payingClients)],
    ['published partners', (f) => String(f.publishedPartners)],
  ];
  const segments: SegmentOrAll[] = ['all', 'csk', 'non-csk'];
  const totalRows = segments.flatMap((segment) =>
    figures.map(([name, show]) => {
      const [a, s, d] = (['actual', 'scenario', 'difference'] as const).map(
        (side) => totals[side][segment] as unknown as Record<string, number>,
      );
      const key =
        name === 'paying clients'
          ? 'payingClients'
          : name === 'published partners'
            ? 'publishedPartners'
            : name;
      return [segment, name, show(a), show(s), signed(d[key], show(d))];
    }),
  );
  out.push(
    ...grid(
      ['segment', 'figure', 'actual', 'scenario', 'difference'],
      totalRows.map((r) => r),
    ),
  );
  out.push('');
  const periodRows = result.periods.map((p) => [
    p.period,
    String(p.actual.all.sales),
    String(p.scenario.all.sales),
    roubles(p.actual.all.net),
    roubles(p.scenario.all.net),
    signed(p.difference.all.net, roubles(p.difference.all.net)),
  ]);
  out.push(...grid(['period', 'sales', 'sales*', 'net', 'net*', 'Δ net'], periodRows));
  out.push('  (* in the scenario)');
  out.push('');
  const refusedByCode = Object.entries(changes.refusedByCode)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  out.push(
    `sales decided again: ${changes.sales}; unchanged ${changes.unchanged}, other amount ${changes.changedAmount}, ` +
      `other rule ${changes.changedRule}, would be refused ${changes.refused}${refusedByCode ? ` (${refusedByCode})` : ''}`,
  );
  if (result.partners.length) {
    out.push('');
    out.push('partners that change most:');
    out.push(
      ...grid(
        ['partner', 'name', 'sales', 'sales*', 'net', 'net*', 'Δ net', 'refused'],
        result.partners.map((p) => [
          p.partnerId,
          p.name ?? '',
          String(p.actual.sales),
          String(p.scenario.sales),
          roubles(p.actual.net),
          roubles(p.scenario.net),
          signed(p.difference.net, roubles(p.difference.net)),
          String(p.refused),
        ]),
      ),
    );
  }
  out.push('');
  if (changes.acceptedThoughRefused !== null) {
    const accepted = totals.wouldBeAccepted.all;
    out.push(
      `refused in reality, accepted by the scenario: ${changes.acceptedThoughRefused} ` +
        `(retail ${roubles(accepted.retail)}, discount ${roubles(accepted.discount)}, net ${roubles(accepted.net)})`,
    );
  }
  if (changes.refusalsWithoutFacts > 0)
    out.push(
      `refused before their facts were journaled (not decided again): ${changes.refusalsWithoutFacts}`,
    );
  out.push(result.refusalsNote);
  if (result.identityCheck !== undefined)
    out.push(
      result.identityCheck
        ? 'identity check: the scenario changes nothing and every difference is zero'
        : 'identity check FAILED: the scenario changes nothing, yet the record decided again differs',
    );
  return out.join('\n');
}
