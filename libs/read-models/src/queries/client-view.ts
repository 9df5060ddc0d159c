import { BusinessDate, record, valueOn } from '@fresh/domain';
import { Doc } from '../read-store.port';
import { storedKopecks } from './kopecks';

export interface ClientDoc extends Doc {
  partnerId: string;
  inn: string;
  name: string;
  application: string;
  workplaces: number;
  basis: string;
  itsProfContract: { number: string; validUntil: string } | null;
  connectedOn: string;
  segment: string;
  supportedBy: string;
  reporting?: { partnerId: string; connectedOn: string }[];
  services?: { service: string; partnerId: string; enabledOn: string }[];
  migrations?: { direction: 'to-service' | 'to-local'; partnerId: string; migratedOn: string }[];
  sales?: { count: number; retail: number; discount: number; net: number };
  paid?: { count: number; amount: number };
  payingSince?: string;
}

/** A client as of a date: connection, who supports it ("1C" or its partner), what it has, what it bought. */
export function clientView(doc: ClientDoc, today: BusinessDate) {
  const migrations = doc.migrations ?? [];
  const inService = valueOn(
    migrations.reduce(
      (t, m) => record(t, m.migratedOn, m.direction === 'to-service'),
      record([], doc.connectedOn, true),
    ),
    today,
    false,
  );
  return {
    clientId: doc._id,
    partnerId: doc.partnerId,
    inn: doc.inn,
    name: doc.name,
    application: doc.application,
    workplaces: doc.workplaces,
    basis: doc.basis,
    itsProfContract: doc.itsProfContract,
    connectedOn: doc.connectedOn,
    segment: doc.segment,
    support: doc.supportedBy,
    inService,
    reporting: doc.reporting ?? [],
    services: doc.services ?? [],
    migrations,
    sales: {
      count: doc.sales?.count ?? 0,
      retail: storedKopecks(doc.sales?.retail, `client ${doc._id} sales`),
      discount: storedKopecks(doc.sales?.discount, `client ${doc._id} sales`),
      net: storedKopecks(doc.sales?.net, `client ${doc._id} sales`),
    },
    paid: {
      count: doc.paid?.count ?? 0,
      amount: storedKopecks(doc.paid?.amount, `client ${doc._id} payments`),
    },
    payingSince: doc.payingSince ?? null,
  };
}
export type ClientView = ReturnType<typeof clientView>;
