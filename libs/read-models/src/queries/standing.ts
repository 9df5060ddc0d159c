import { BusinessDate, ObligationsStatus, record, Segment, Timeline, valueOn } from '@fresh/domain';
import { storedKopecks } from './kopecks';
import { Change, PartnerDoc, SEGMENTS } from './partner-doc';

/** A partner's position on a business date: what the rankings and the partner view show. */
export interface Standing {
  segment: Segment;
  astralCertified: boolean;
  obligations: ObligationsStatus;
  connectedClients: number;
  payingClients: number;
  itsProfConnections: number;
  sales: number;
  /** Kopecks, summed exactly. */
  retail: bigint;
  discount: bigint;
  net: bigint;
  /** On the published list: at least 10 paying clients and obligations fulfilled on the date. */
  published: boolean;
}

export const PUBLISHED_MIN_PAYING_CLIENTS = 10;

/** Changes in record order become a timeline in date order (same date: the later record wins). */
export const timelineOf = <T>(changes: Change<T>[] | undefined): Timeline<T> =>
  (changes ?? []).reduce<Timeline<T>>(
    (timeline, change) => record(timeline, change.on, change.value),
    [],
  );

export function standingOn(doc: PartnerDoc, date: BusinessDate): Standing {
  const standing: Standing = {
    segment: valueOn(timelineOf(doc.csk), date, false) ? 'csk' : 'non-csk',
    astralCertified: valueOn(timelineOf(doc.astral), date, false),
    obligations: valueOn(timelineOf(doc.obligations), date, 'fulfilled'),
    connectedClients: 0,
    payingClients: 0,
    itsProfConnections: 0,
    sales: 0,
    retail: 0n,
    discount: 0n,
    net: 0n,
    published: false,
  };
  for (const [day, bySegment] of Object.entries(doc.connections ?? {})) {
    if (day > date) continue;
    for (const segment of SEGMENTS) {
      const bases = bySegment[segment];
      standing.connectedClients += (bases?.itsaas ?? 0) + (bases?.['its-prof'] ?? 0);
      standing.itsProfConnections += bases?.['its-prof'] ?? 0;
    }
  }
  for (const [day, bySegment] of Object.entries(doc.sales ?? {})) {
    if (day > date) continue;
    for (const segment of SEGMENTS) {
      const money = bySegment[segment];
      if (!money) continue;
      const where = `partner ${doc._id} sales on ${day} (${segment})`;
      standing.sales += money.count;
      standing.retail += storedKopecks(money.retail, where);
      standing.discount += storedKopecks(money.discount, where);
      standing.net += storedKopecks(money.net, where);
    }
  }
  for (const since of Object.values(doc.payers ?? {})) if (since <= date) standing.payingClients++;
  standing.published =
    standing.payingClients >= PUBLISHED_MIN_PAYING_CLIENTS && standing.obligations === 'fulfilled';
  return standing;
}

/** The date a partner reached its 10th paying client, if it did. */
export function reachedTenPayingClientsOn(doc: PartnerDoc): BusinessDate | undefined {
  const dates = Object.values(doc.payers ?? {}).sort();
  return dates[PUBLISHED_MIN_PAYING_CLIENTS - 1];
}
