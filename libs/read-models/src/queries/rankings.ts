import { BusinessDate, Segment } from '@fresh/domain';
import { PartnerDoc } from './partner-doc';
import { compareKopecks } from './kopecks';
import { Standing, standingOn } from './standing';

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

/**
 * Partners as they stood on `asOf`, ranked by paying clients, then net revenue, then id. The
 * segment is the partner's status on that date; ranks count within the filtered list.
 */
export function rankPartners(docs: PartnerDoc[], query: RankingQuery): RankingItem[] {
  const rows = docs
    .map((doc) => ({ doc, standing: standingOn(doc, query.asOf) }))
    .filter(({ standing }) => query.segment === 'all' || standing.segment === query.segment)
    .filter(({ standing }) => !query.publishedOnly || standing.published)
    .sort(
      (a, b) =>
        b.standing.payingClients - a.standing.payingClients ||
        compareKopecks(b.standing.net, a.standing.net) ||
        (a.doc._id < b.doc._id ? -1 : a.doc._id > b.doc._id ? 1 : 0),
    );
  return rows.map(({ doc, standing }, i) => ({
    rank: i + 1,
    partnerId: doc._id,
    name: doc.name,
    segment: standing.segment,
    connectedClients: standing.connectedClients,
    payingClients: standing.payingClients,
    itsProfConnections: standing.itsProfConnections,
    retail: standing.retail,
    discount: standing.discount,
    net: standing.net,
    published: standing.published,
  }));
}
