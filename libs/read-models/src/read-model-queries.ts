import { BusinessDate, Experiment, ExperimentEnded } from '@fresh/domain';
import { CLIENTS } from './projections/clients.projection';
import { EXPERIMENTS } from './projections/experiments.projection';
import { PARTNERS } from './projections/partners.projection';
import { experimentAnalytics, ExperimentAnalytics } from './queries/analytics';
import { ClientDoc, clientView, ClientView } from './queries/client-view';
import { PartnerDoc } from './queries/partner-doc';
import { partnerView, PartnerView } from './queries/partner-view';
import { Granularity } from './queries/periods';
import { rankingItemsOf, rankingPipeline, RankingSlice } from './queries/ranking-pipeline';
import { RankingItem, RankingQuery, rankPartners, rankPartnersSlice } from './queries/rankings';
import { ReadStore } from './read-store.port';

/** A generation built by `fresh replay --until D` is the world as of D: its "today" is D. */
export const AS_OF_PREFIX = 'asof-';
export const asOfGenerationName = (until: BusinessDate) => `${AS_OF_PREFIX}${until}`;

/** The queries of API.md, answered from one generation of the read models (the live one by default). */
export class ReadModelQueries {
  constructor(private readonly reads: ReadStore) {}

  async partner(
    partnerId: string,
    today: BusinessDate,
    generation?: string,
  ): Promise<PartnerView | undefined> {
    const gen = await this.resolve(generation);
    const doc = (await this.reads.findOne(gen, PARTNERS, partnerId)) as PartnerDoc | undefined;
    return doc?.name === undefined ? undefined : partnerView(doc, this.dayOf(gen, today));
  }

  async client(
    clientId: string,
    today: BusinessDate,
    generation?: string,
  ): Promise<ClientView | undefined> {
    const gen = await this.resolve(generation);
    const doc = (await this.reads.findOne(gen, CLIENTS, clientId)) as ClientDoc | undefined;
    return doc?.partnerId === undefined ? undefined : clientView(doc, this.dayOf(gen, today));
  }

  /** The whole ranking. On MongoDB the database ranks; only a row per partner comes back. */
  async rankings(query: RankingQuery, generation?: string): Promise<RankingItem[]> {
    const gen = await this.resolve(generation);
    if (this.reads.holdsDocumentsInProcess)
      return rankPartners(await this.registeredPartners(gen), query);
    return rankingItemsOf(await this.reads.aggregate(gen, PARTNERS, rankingPipeline(query)));
  }

  /**
   * A slice of the ranking and the number of rows in the whole. On MongoDB the database ranks and
   * answers only the slice.
   */
  async rankingSlice(
    query: RankingQuery,
    slice: RankingSlice,
    generation?: string,
  ): Promise<{ items: RankingItem[]; total: number }> {
    const gen = await this.resolve(generation);
    if (this.reads.holdsDocumentsInProcess)
      return rankPartnersSlice(await this.registeredPartners(gen), query, slice);
    const [answer] = (await this.reads.aggregate(gen, PARTNERS, rankingPipeline(query, slice))) as {
      total: { n: number }[];
      rows: Record<string, unknown>[];
    }[];
    return {
      items: rankingItemsOf(answer?.rows ?? [], slice.offset),
      total: answer?.total[0]?.n ?? 0,
    };
  }

  async analytics(
    experimentId: string,
    granularity: Granularity,
    generation?: string,
  ): Promise<ExperimentAnalytics | undefined> {
    const gen = await this.resolve(generation);
    const doc = await this.reads.findOne(gen, EXPERIMENTS, experimentId);
    if (!doc?.startsOn) return undefined;
    const experiment: Experiment = {
      started: {
        experimentId,
        startsOn: doc.startsOn as string,
        endsOn: doc.endsOn as string,
        discountRate: doc.discountRate as string,
      },
      decisions: ((doc.decisions ?? []) as Omit<ExperimentEnded['data'], 'experimentId'>[]).map(
        (d) => ({ experimentId, ...d }),
      ),
    };
    const partners = await this.reads.find(
      gen,
      PARTNERS,
      { name: { $exists: true } },
      { projection: { csk: 1, sales: 1, connections: 1, payers: 1 } },
    );
    return experimentAnalytics(experimentId, experiment, partners as PartnerDoc[], granularity);
  }

  /** Every registered partner's document, from a store that holds them in process. */
  private async registeredPartners(generation: string): Promise<PartnerDoc[]> {
    const docs = (await this.reads.find(generation, PARTNERS, {})) as PartnerDoc[];
    return docs.filter((doc) => doc.name !== undefined);
  }

  /** Whether a generation exists to be read. */
  async hasGeneration(generation: string): Promise<boolean> {
    return (await this.reads.generations()).includes(generation);
  }

  private async resolve(generation: string | undefined): Promise<string> {
    return generation ?? (await this.reads.liveGeneration());
  }

  private dayOf(generation: string, today: BusinessDate): BusinessDate {
    return generation.startsWith(AS_OF_PREFIX) ? generation.slice(AS_OF_PREFIX.length) : today;
  }
}
