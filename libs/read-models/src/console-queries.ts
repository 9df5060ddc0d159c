import { BusinessDate, ExperimentEnded } from '@fresh/domain';
import { CLIENTS } from './projections/clients.projection';
import { EXPERIMENTS } from './projections/experiments.projection';
import { PARTNERS } from './projections/partners.projection';
import { ClientDoc } from './queries/client-view';
import { PartnerDoc, SEGMENTS } from './queries/partner-doc';
import { placePipeline, standingPipeline } from './queries/ranking-pipeline';
import { rankingOrder } from './queries/rankings';
import { PUBLISHED_MIN_PAYING_CLIENTS, standingOn, Standing, timelineOf } from './queries/standing';
import { AS_OF_PREFIX } from './read-model-queries';
import { ReadStore } from './read-store.port';

/** A change of a partner's status: CSK, Astral certification or obligations, on a date. */
export interface StatusChange {
  status: 'csk' | 'astral' | 'obligations';
  on: BusinessDate;
  value: boolean | string;
}

/** Why a partner is not on the published list on a date (none when it is). */
export type NotPublishedReason =
  | { code: 'TOO_FEW_PAYING_CLIENTS'; payingClients: number; required: number }
  | { code: 'OBLIGATIONS_BREACHED'; since: BusinessDate };

export interface MonthFigures {
  month: string;
  sales: number;
  retail: number;
  discount: number;
  net: number;
  newClients: number;
  newPayingClients: number;
}

/** A partner as it stood on a date, for the console's partner page. */
export interface PartnerProfile {
  partnerId: string;
  name: string;
  region: string | null;
  registeredOn: string;
  asOf: BusinessDate;
  standing: Standing;
  rank: { all: number; segment: number };
  published: boolean;
  notPublishedBecause: NotPublishedReason[];
  timeline: StatusChange[];
  months: MonthFigures[];
  clients: {
    clientId: string;
    name: string;
    basis: string;
    connectedOn: string;
    payingSince: string | null;
  }[];
}

export interface PartnerListItem {
  partnerId: string;
  name: string;
  region: string | null;
  registeredOn: string;
  segment: string;
  payingClients: number;
  published: boolean;
}

export interface ExperimentSummary {
  experimentId: string;
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  discountRate: string;
  decisions: Omit<ExperimentEnded['data'], 'experimentId'>[];
}

const emptyMonth = (month: string): MonthFigures => ({
  month,
  sales: 0,
  retail: 0,
  discount: 0,
  net: 0,
  newClients: 0,
  newPayingClients: 0,
});

/** The console's own reads: the partner list, a partner's profile, experiments and generations. */
export class ConsoleQueries {
  constructor(private readonly reads: ReadStore) {}

  async generations(): Promise<{ live: string; asOf: string[] }> {
    const all = await this.reads.generations();
    return {
      live: await this.reads.liveGeneration(),
      asOf: all.filter((g) => g.startsWith(AS_OF_PREFIX)).sort(),
    };
  }

  async experiments(generation?: string): Promise<ExperimentSummary[]> {
    const docs = await this.reads.find(await this.resolve(generation), EXPERIMENTS, {
      startsOn: { $exists: true },
    });
    return docs
      .map((d) => ({
        experimentId: d._id,
        startsOn: d.startsOn as string,
        endsOn: d.endsOn as string,
        discountRate: d.discountRate as string,
        decisions: (d.decisions ?? []) as ExperimentSummary['decisions'],
      }))
      .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  }

  /** Partners in id order with their standing today (the generation's day for an as-of one). */
  async partners(
    filter: { segment?: 'csk' | 'non-csk' | 'all' },
    today: BusinessDate,
    generation?: string,
  ): Promise<PartnerListItem[]> {
    const gen = await this.resolve(generation);
    const day = this.dayOf(gen, today);
    if (!this.reads.holdsDocumentsInProcess) {
      // The database works out the standings; a short row per partner comes back.
      const segment = filter.segment && filter.segment !== 'all' ? filter.segment : undefined;
      const rows = await this.reads.aggregate(gen, PARTNERS, [
        ...standingPipeline(day),
        ...(segment ? [{ $match: { segment } }] : []),
        { $sort: { _id: 1 } },
      ]);
      return rows.map((r) => ({
        partnerId: r._id as string,
        name: r.name as string,
        region: (r.region as string | null | undefined) ?? null,
        registeredOn: r.registeredOn as string,
        segment: r.segment as string,
        payingClients: r.payingClients as number,
        published: r.published as boolean,
      }));
    }
    const docs = (await this.reads.find(gen, PARTNERS, {
      name: { $exists: true },
    })) as PartnerDoc[];
    return docs
      .map((doc) => {
        const s = standingOn(doc, day);
        return {
          partnerId: doc._id,
          name: doc.name,
          region: doc.region ?? null,
          registeredOn: doc.registeredOn,
          segment: s.segment,
          payingClients: s.payingClients,
          published: s.published,
        };
      })
      .filter((p) => !filter.segment || filter.segment === 'all' || p.segment === filter.segment)
      .sort((a, b) => (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0));
  }

  async profile(
    partnerId: string,
    asOf: BusinessDate,
    generation?: string,
  ): Promise<PartnerProfile | undefined> {
    const gen = await this.resolve(generation);
    const doc = (await this.reads.findOne(gen, PARTNERS, partnerId)) as PartnerDoc | undefined;
    if (doc?.name === undefined) return undefined;
    const standing = standingOn(doc, asOf);
    const rank = await this.placeOf(gen, doc, standing, asOf);
    const clientDocs = (await this.reads.find(gen, CLIENTS, { partnerId })) as ClientDoc[];
    return {
      partnerId,
      name: doc.name,
      region: doc.region ?? null,
      registeredOn: doc.registeredOn,
      asOf,
      standing,
      rank,
      published: standing.published,
      notPublishedBecause: reasonsNotPublished(doc, standing, asOf),
      timeline: timelineOfStatuses(doc),
      months: monthsOf(doc, asOf),
      clients: clientDocs
        .filter((c) => c.connectedOn <= asOf)
        .map((c) => ({
          clientId: c._id,
          name: c.name,
          basis: c.basis,
          connectedOn: c.connectedOn,
          payingSince: c.payingSince && c.payingSince <= asOf ? c.payingSince : null,
        }))
        .sort((a, b) =>
          a.connectedOn < b.connectedOn
            ? -1
            : a.connectedOn > b.connectedOn
              ? 1
              : a.clientId < b.clientId
                ? -1
                : 1,
        ),
    };
  }

  /**
   * A partner's place among all, and among the partners of its segment, on that date: ranked in
   * process on the embedded engine, counted by the database (partners ahead of it) on MongoDB.
   */
  private async placeOf(
    generation: string,
    doc: PartnerDoc,
    standing: Standing,
    asOf: BusinessDate,
  ): Promise<{ all: number; segment: number }> {
    if (!this.reads.holdsDocumentsInProcess) {
      const [ahead] = (await this.reads.aggregate(
        generation,
        PARTNERS,
        placePipeline(asOf, { partnerId: doc._id, ...standing }),
      )) as { all: { n: number }[]; segment: { n: number }[] }[];
      return { all: (ahead?.all[0]?.n ?? 0) + 1, segment: (ahead?.segment[0]?.n ?? 0) + 1 };
    }
    const all = (await this.reads.find(generation, PARTNERS, {
      name: { $exists: true },
    })) as PartnerDoc[];
    const ranking = rankingOrder(all, { asOf, segment: 'all', publishedOnly: false });
    const place = ranking.findIndex((r) => r.partnerId === doc._id);
    const segment = ranking.slice(0, place).filter((r) => r.segment === standing.segment).length;
    return { all: place + 1, segment: segment + 1 };
  }

  private async resolve(generation: string | undefined): Promise<string> {
    return generation ?? (await this.reads.liveGeneration());
  }

  /** The "today" of a generation: an as-of generation's own date. */
  dayOf(generation: string | undefined, today: BusinessDate): BusinessDate {
    return generation?.startsWith(AS_OF_PREFIX) ? generation.slice(AS_OF_PREFIX.length) : today;
  }
}

function reasonsNotPublished(
  doc: PartnerDoc,
  standing: Standing,
  asOf: BusinessDate,
): NotPublishedReason[] {
  const reasons: NotPublishedReason[] = [];
  if (standing.payingClients < PUBLISHED_MIN_PAYING_CLIENTS) {
    reasons.push({
      code: 'TOO_FEW_PAYING_CLIENTS',
      payingClients: standing.payingClients,
      required: PUBLISHED_MIN_PAYING_CLIENTS,
    });
  }
  if (standing.obligations === 'breached') {
    const since = [...timelineOf(doc.obligations)]
      .reverse()
      .find((c) => c.on <= asOf && c.value === 'breached')!.on;
    reasons.push({ code: 'OBLIGATIONS_BREACHED', since });
  }
  return reasons;
}

function timelineOfStatuses(doc: PartnerDoc): StatusChange[] {
  const of = <T extends boolean | string>(
    status: StatusChange['status'],
    changes: PartnerDoc['csk'],
  ) =>
    timelineOf(changes as { on: string; value: T }[] | undefined).map((c) => ({
      status,
      on: c.on,
      value: c.value,
    }));
  return [
    ...of('csk', doc.csk),
    ...of('astral', doc.astral),
    ...of('obligations', doc.obligations as never),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function monthsOf(doc: PartnerDoc, asOf: BusinessDate): MonthFigures[] {
  const months = new Map<string, MonthFigures>();
  const at = (day: string) => {
    const key = day.slice(0, 7);
    let m = months.get(key);
    if (!m) months.set(key, (m = emptyMonth(key)));
    return m;
  };
  for (const [day, bySegment] of Object.entries(doc.sales ?? {})) {
    if (day > asOf) continue;
    for (const segment of SEGMENTS) {
      const money = bySegment[segment];
      if (!money) continue;
      const m = at(day);
      m.sales += money.count;
      m.retail += money.retail;
      m.discount += money.discount;
      m.net += money.net;
    }
  }
  for (const [day, bySegment] of Object.entries(doc.connections ?? {})) {
    if (day > asOf) continue;
    for (const segment of SEGMENTS) {
      const bases = bySegment[segment];
      at(day).newClients += (bases?.itsaas ?? 0) + (bases?.['its-prof'] ?? 0);
    }
  }
  for (const since of Object.values(doc.payers ?? {}))
    if (since <= asOf) at(since).newPayingClients++;
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}
