import {
  addDays,
  BusinessDate,
  ConnectionBasis,
  Experiment,
  ExperimentEnded,
  Segment,
  termsOn,
} from '@fresh/domain';
import { PartnerDoc, SEGMENTS } from './partner-doc';
import { storedKopecks } from './kopecks';
import { Granularity, Period, periodKey, periodsBetween } from './periods';
import { reachedTenPayingClientsOn, standingOn } from './standing';

export interface SegmentFigures {
  sales: number;
  /** Kopecks, summed exactly. */
  retail: bigint;
  discount: bigint;
  net: bigint;
  newClients: Record<ConnectionBasis, number>;
  activePartners: number;
  partnersReachingTenPayingClients: number;
}
export type BySegment = Record<Segment, SegmentFigures>;

export interface DecisionPeriod extends Period {
  decision: 'start' | ExperimentEnded['data']['decision'];
  discountRate: string;
}

export interface ExperimentAnalytics {
  experimentId: string;
  granularity: Granularity;
  window: { from: BusinessDate; to: BusinessDate };
  periods: (Period & { segments: BySegment })[];
  totals: { window: BySegment; decisionPeriods: (DecisionPeriod & { segments: BySegment })[] };
}

/** The experiment's window: from its start to the end its decisions lead to, or the eve of termination. */
export function windowOf(experiment: Experiment): { from: BusinessDate; to: BusinessDate } {
  const terms = termsOn(experiment, '9999-12-31');
  const to = terms.terminatedFrom ? addDays(terms.terminatedFrom, -1) : terms.endsOn;
  return { from: terms.startsOn, to: to < terms.endsOn ? to : terms.endsOn };
}

/** The stretches of the window in which one set of terms held, each opened by a decision. */
export function decisionPeriods(experiment: Experiment): DecisionPeriod[] {
  const window = windowOf(experiment);
  const starts = [
    { on: window.from, decision: 'start' as const },
    ...experiment.decisions
      .filter((d) => d.effectiveOn > window.from && d.effectiveOn <= window.to)
      .map((d) => ({ on: d.effectiveOn, decision: d.decision })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const merged = starts.filter((s, i) => i === starts.length - 1 || starts[i + 1].on !== s.on);
  return merged.map((start, i) => ({
    period: `${start.decision}@${start.on}`,
    from: start.on,
    to: i + 1 < merged.length ? addDays(merged[i + 1].on, -1) : window.to,
    decision: start.decision,
    discountRate: termsOn(experiment, start.on).discountRate,
  }));
}

const emptyFigures = (): SegmentFigures => ({
  sales: 0,
  retail: 0n,
  discount: 0n,
  net: 0n,
  newClients: { itsaas: 0, 'its-prof': 0 },
  activePartners: 0,
  partnersReachingTenPayingClients: 0,
});

/**
 * Figures per bucket and segment in one pass over the partners: each fact's day names the
 * buckets it counts in (its calendar period, its decision period, the window). The segment is the
 * one recorded with the fact: the partner's status on that day.
 */
function figuresByBucket(
  docs: PartnerDoc[],
  bucketsOf: (day: BusinessDate) => string[],
): Map<string, BySegment> {
  const figures = new Map<string, BySegment>();
  const at = (bucket: string) => {
    let f = figures.get(bucket);
    if (!f) figures.set(bucket, (f = { csk: emptyFigures(), 'non-csk': emptyFigures() }));
    return f;
  };
  for (const doc of docs) {
    const active = new Set<string>();
    for (const [day, bySegment] of Object.entries(doc.sales ?? {})) {
      for (const segment of SEGMENTS) {
        const money = bySegment[segment];
        if (!money) continue;
        const where = `partner ${doc._id} sales on ${day} (${segment})`;
        const retail = storedKopecks(money.retail, where);
        const discount = storedKopecks(money.discount, where);
        const net = storedKopecks(money.net, where);
        for (const bucket of bucketsOf(day)) {
          const f = at(bucket)[segment];
          f.sales += money.count;
          f.retail += retail;
          f.discount += discount;
          f.net += net;
          active.add(`${bucket}\n${segment}`);
        }
      }
    }
    for (const [day, bySegment] of Object.entries(doc.connections ?? {})) {
      for (const bucket of bucketsOf(day)) {
        for (const segment of SEGMENTS) {
          const bases = bySegment[segment];
          if (!bases) continue;
          const f = at(bucket)[segment];
          f.newClients.itsaas += bases.itsaas ?? 0;
          f.newClients['its-prof'] += bases['its-prof'] ?? 0;
          active.add(`${bucket}\n${segment}`);
        }
      }
    }
    for (const key of active) {
      const [bucket, segment] = key.split('\n') as [string, Segment];
      at(bucket)[segment].activePartners++;
    }
    const reachedOn = reachedTenPayingClientsOn(doc);
    if (reachedOn) {
      const segment = standingOn(doc, reachedOn).segment;
      for (const bucket of bucketsOf(reachedOn))
        at(bucket)[segment].partnersReachingTenPayingClients++;
    }
  }
  return figures;
}

export function experimentAnalytics(
  experimentId: string,
  experiment: Experiment,
  docs: PartnerDoc[],
  granularity: Granularity,
): ExperimentAnalytics {
  const window = windowOf(experiment);
  const periods = periodsBetween(window.from, window.to, granularity);
  const decided = decisionPeriods(experiment);
  const bucketsOf = (day: BusinessDate): string[] => {
    if (day < window.from || day > window.to) return [];
    const decision = decided.find((p) => p.from <= day && day <= p.to)!;
    return ['window', `period ${periodKey(day, granularity)}`, `decision ${decision.period}`];
  };
  // A day's buckets are the same for every fact of that day: work them out once per day.
  const bucketsByDay = new Map<BusinessDate, string[]>();
  const bucketsOnce = (day: BusinessDate): string[] => {
    let buckets = bucketsByDay.get(day);
    if (!buckets) bucketsByDay.set(day, (buckets = bucketsOf(day)));
    return buckets;
  };
  const figures = figuresByBucket(docs, bucketsOnce);
  const of = (bucket: string): BySegment =>
    figures.get(bucket) ?? { csk: emptyFigures(), 'non-csk': emptyFigures() };
  return {
    experimentId,
    granularity,
    window,
    periods: periods.map((p) => ({ ...p, segments: of(`period ${p.period}`) })),
    totals: {
      window: of('window'),
      decisionPeriods: decided.map((p) => ({ ...p, segments: of(`decision ${p.period}`) })),
    },
  };
}
