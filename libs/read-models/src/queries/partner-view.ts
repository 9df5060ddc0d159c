import { BusinessDate, valueOn } from '@fresh/domain';
import { storedKopecks } from './kopecks';
import { PartnerDoc } from './partner-doc';
import { standingOn, timelineOf } from './standing';

/** A partner as of a date: its status (CSK, Astral, obligations), counts and money. */
export function partnerView(doc: PartnerDoc, today: BusinessDate) {
  const standing = standingOn(doc, today);
  const csk = timelineOf(doc.csk);
  const cskSince =
    standing.segment === 'csk'
      ? [...csk].reverse().find((c) => c.on <= today && c.value)?.on
      : undefined;
  return {
    partnerId: doc._id,
    name: doc.name,
    country: doc.country,
    franchisee: doc.franchisee,
    region: doc.region,
    registeredOn: doc.registeredOn,
    asOf: today,
    status: {
      segment: standing.segment,
      csk: standing.segment === 'csk',
      cskSince: cskSince ?? null,
      astralCertified: valueOn(timelineOf(doc.astral), today, false),
      obligations: standing.obligations,
      published: standing.published,
    },
    connectedClients: standing.connectedClients,
    payingClients: standing.payingClients,
    itsProfConnections: standing.itsProfConnections,
    sales: standing.sales,
    retail: standing.retail,
    discount: standing.discount,
    net: standing.net,
    paid: {
      count: doc.paid?.count ?? 0,
      amount: storedKopecks(doc.paid?.amount, `partner ${doc._id} payments`),
    },
  };
}
export type PartnerView = ReturnType<typeof partnerView>;
