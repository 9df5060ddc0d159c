import { BusinessDate, ObligationsStatus, Segment, Timeline, valueOn } from '@fresh/domain';
import { PartnerDoc, SEGMENTS } from './partner-doc';
import { compareKopecks, storedKopecks } from './kopecks';
import { PUBLISHED_MIN_PAYING_CLIENTS, Standing, timelineOf } from './standing';

export interface RankingItem extends Omit<Standing, 'astralCertified' | 'obligations' | 'sales'> {
  rank: number;
  partnerId: string;
  name: string;
}

export interface RankingQuery {
  asOf: BusinessDate;
  segment: Segment | 'all';
  publishedOnly: boolean;
}

/** What a partner is filtered and ranked by on a date: a part of its standing, quick to work out. */
interface RankKey {
  doc: PartnerDoc;
  segment: Segment;
  published: boolean;
  payingClients: number;
  net: bigint;
}

/** Running totals over a partner's days in date order: the totals up to and including each day. */
interface RunningTotals<T> {
  days: string[];
  upTo: T[];
}

/** A partner's facts in date order, for reading its ranking row on any date by binary search. */
interface DatedFacts {
  payingSince: string[];
  sales: RunningTotals<{ retail: bigint; discount: bigint; net: bigint }>;
  connections: RunningTotals<{ connected: number; itsProf: number }>;
  csk: Timeline<boolean>;
  obligations: Timeline<ObligationsStatus>;
}

/**
 * Dated facts per document object. The embedded engine never changes a document in place (a
 * change makes a new object), so an entry holds as long as its document does, and goes with it.
 */
const datedFactsOf = new WeakMap<PartnerDoc, DatedFacts>();

function runningTotals<V, T>(
  byDay: Record<string, V> | undefined,
  add: (total: T, day: string, value: V) => T,
  zero: T,
): RunningTotals<T> {
  const days = Object.keys(byDay ?? {}).sort();
  let total = zero;
  return { days, upTo: days.map((day) => (total = add(total, day, byDay![day]))) };
}

function datedFacts(doc: PartnerDoc): DatedFacts {
  let facts = datedFactsOf.get(doc);
  if (facts) return facts;
  const kopecks = (value: unknown, day: string) =>
    storedKopecks(value, `partner ${doc._id} sales on ${day}`);
  facts = {
    payingSince: Object.values(doc.payers ?? {}).sort(),
    sales: runningTotals(
      doc.sales,
      (total, day, bySegment) => {
        let { retail, discount, net } = total;
        for (const segment of SEGMENTS) {
          const money = bySegment[segment];
          if (!money) continue;
          retail += kopecks(money.retail, day);
          discount += kopecks(money.discount, day);
          net += kopecks(money.net, day);
        }
        return { retail, discount, net };
      },
      { retail: 0n, discount: 0n, net: 0n },
    ),
    connections: runningTotals(
      doc.connections,
      (total, _day, bySegment) => {
        let { connected, itsProf } = total;
        for (const segment of SEGMENTS) {
          const bases = bySegment[segment];
          connected += (bases?.itsaas ?? 0) + (bases?.['its-prof'] ?? 0);
          itsProf += bases?.['its-prof'] ?? 0;
        }
        return { connected, itsProf };
      },
      { connected: 0, itsProf: 0 },
    ),
    csk: timelineOf(doc.csk),
    obligations: timelineOf(doc.obligations),
  };
  datedFactsOf.set(doc, facts);
  return facts;
}

/** How many of the sorted `values` are on or before `date`. */
function countUpTo(values: string[], date: BusinessDate): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The running total on `date`: that of its last day on or before it, else `zero`. */
function totalOn<T>(totals: RunningTotals<T>, date: BusinessDate, zero: T): T {
  const days = countUpTo(totals.days, date);
  return days === 0 ? zero : totals.upTo[days - 1];
}

const NO_SALES = { retail: 0n, discount: 0n, net: 0n };

function rankKeyOn(doc: PartnerDoc, date: BusinessDate): RankKey {
  const facts = datedFacts(doc);
  const payingClients = countUpTo(facts.payingSince, date);
  return {
    doc,
    segment: valueOn(facts.csk, date, false) ? 'csk' : 'non-csk',
    published:
      payingClients >= PUBLISHED_MIN_PAYING_CLIENTS &&
      valueOn(facts.obligations, date, 'fulfilled') === 'fulfilled',
    payingClients,
    net: totalOn(facts.sales, date, NO_SALES).net,
  };
}

/** A ranked partner's row: what `standingOn` would give, read from its dated facts. */
function itemOf(key: RankKey, date: BusinessDate, rank: number): RankingItem {
  const facts = datedFacts(key.doc);
  const money = totalOn(facts.sales, date, NO_SALES);
  const connections = totalOn(facts.connections, date, { connected: 0, itsProf: 0 });
  return {
    rank,
    partnerId: key.doc._id,
    name: key.doc.name,
    segment: key.segment,
    connectedClients: connections.connected,
    payingClients: key.payingClients,
    itsProfConnections: connections.itsProf,
    retail: money.retail,
    discount: money.discount,
    net: money.net,
    published: key.published,
  };
}

/** The partners of the query in ranking order: by paying clients, then net, then id. */
function ranked(docs: PartnerDoc[], query: RankingQuery): RankKey[] {
  return docs
    .map((doc) => rankKeyOn(doc, query.asOf))
    .filter((key) => query.segment === 'all' || key.segment === query.segment)
    .filter((key) => !query.publishedOnly || key.published)
    .sort(
      (a, b) =>
        b.payingClients - a.payingClients ||
        compareKopecks(b.net, a.net) ||
        (a.doc._id < b.doc._id ? -1 : a.doc._id > b.doc._id ? 1 : 0),
    );
}

/**
 * Partners as they stood on `asOf`, ranked by paying clients, then net revenue, then id. The
 * segment is the partner's status on that date; ranks count within the filtered list.
 */
export function rankPartners(docs: PartnerDoc[], query: RankingQuery): RankingItem[] {
  return ranked(docs, query).map((key, i) => itemOf(key, query.asOf, i + 1));
}

/**
 * `limit` rows of that ranking from the `offset`-th on, and how many rows the whole has.
 */
export function rankPartnersSlice(
  docs: PartnerDoc[],
  query: RankingQuery,
  slice: { offset: number; limit: number },
): { items: RankingItem[]; total: number } {
  const all = ranked(docs, query);
  const items = all
    .slice(slice.offset, slice.offset + slice.limit)
    .map((key, i) => itemOf(key, query.asOf, slice.offset + i + 1));
  return { items, total: all.length };
}

/** The partners of that ranking in order, with their segment on the date: who stands where. */
export function rankingOrder(
  docs: PartnerDoc[],
  query: RankingQuery,
): { partnerId: string; segment: Segment }[] {
  return ranked(docs, query).map(({ doc, segment }) => ({ partnerId: doc._id, segment }));
}
