import {
  ClientConnected,
  ClientEvent,
  clientDecider,
  ExperimentEvent,
  experimentsDecider,
  fold,
  PartnerEvent,
  partnerDecider,
  PriceListEvent,
  priceListDecider,
  SaleContext,
  Seen,
  streams,
} from '../src';

/** Events and contexts of the December 2014 letter, for given/when/then tests. */
export const TODAY = '2026-11-26';
export const registered = (
  partnerId = 'P1',
  over: Partial<{ country: string; franchisee: boolean }> = {},
): PartnerEvent => ({
  type: 'PartnerRegistered',
  data: {
    partnerId,
    name: `Partner ${partnerId}`,
    country: over.country ?? 'RU',
    franchisee: over.franchisee ?? true,
  },
});
export const cskCertified = (certifiedOn: string, partnerId = 'P1'): PartnerEvent => ({
  type: 'PartnerCertified',
  data: {
    partnerId,
    certifiedOn,
    certifiedSpecialists: 3,
    responsibleEmployee: 'Иванов И. И.',
    supportCommitment: true,
  },
});
export const cskRevoked = (revokedOn: string, partnerId = 'P1'): PartnerEvent => ({
  type: 'PartnerCertificationRevoked',
  data: { partnerId, revokedOn, reason: 'certificates lapsed' },
});
export const astralCertified = (certifiedOn: string, partnerId = 'P1'): PartnerEvent => ({
  type: 'AstralCertificationGranted',
  data: { partnerId, certifiedOn },
});
export const experimentStarted = (
  over: Partial<{
    experimentId: string;
    startsOn: string;
    endsOn: string;
    discountRate: string;
  }> = {},
): ExperimentEvent => ({
  type: 'ExperimentStarted',
  data: {
    experimentId: 'exp-2014',
    startsOn: '2014-12-08',
    endsOn: '2015-05-31',
    discountRate: '0.20',
    ...over,
  },
});
export const decided = (
  decision: 'extend' | 'change' | 'terminate',
  decidedOn: string,
  over: Partial<{ effectiveOn: string; newEndsOn: string; newDiscountRate: string }> = {},
): ExperimentEvent => ({
  type: 'ExperimentEnded',
  data: {
    experimentId: 'exp-2014',
    decision,
    decidedOn,
    effectiveOn: over.effectiveOn ?? decidedOn,
    ...over,
  },
});
/** Position 'BP-5-12': Бухгалтерия, 5 workplaces, 12 months, 12 345.67 roubles. */
export const priceList = (
  effectiveFrom = '2014-12-01',
  over: Partial<{ cskDiscountRate: string; retailPrice: number }> = {},
): PriceListEvent => ({
  type: 'PriceListPublished',
  data: {
    effectiveFrom,
    cskDiscountRate: over.cskDiscountRate ?? '0.50',
    positions: [
      {
        code: 'BP-5-12',
        name: 'Бухгалтерия предприятия, 5 мест, 12 месяцев',
        retailPrice: over.retailPrice ?? 1_234_567,
        workplaces: 5,
        months: 12,
      },
      {
        code: 'UT-1-1',
        name: 'Управление торговлей, 1 место, 1 месяц',
        retailPrice: 99_950,
        workplaces: 1,
        months: 1,
      },
    ],
  },
});
export const clientConnected = (
  clientId = 'C1',
  partnerId = 'P1',
  connectedOn = '2014-12-10',
): ClientConnected => ({
  type: 'ClientConnected',
  data: {
    clientId,
    partnerId,
    inn: '7707083893',
    name: 'ООО «Ромашка»',
    application: 'Бухгалтерия предприятия',
    workplaces: 3,
    basis: 'itsaas',
    connectedOn,
    segment: 'non-csk',
    supportedBy: '1C',
  },
});
export const migrated = (
  direction: 'to-local' | 'to-service',
  migratedOn: string,
  clientId = 'C1',
): ClientEvent => ({
  type: 'ClientMigrated',
  data: { clientId, partnerId: 'P1', direction, migratedOn },
});

function seen<S, E>(
  decider: { initialState(): S; evolve(s: S, e: E): S },
  streamId: string,
  events: E[],
): Seen<S> {
  return { streamId, revision: events.length - 1, state: fold(decider, events) };
}

export interface World {
  partner?: PartnerEvent[];
  client?: ClientEvent[];
  experiments?: ExperimentEvent[];
  priceList?: PriceListEvent[];
}

/** The non-CSK Russian franchisee P1, its client C1, the experiment and a price list. */
export function saleContext(world: World = {}): SaleContext {
  return {
    partner: seen(partnerDecider, streams.partner('P1'), world.partner ?? [registered()]),
    client: seen(clientDecider, streams.client('C1'), world.client ?? [clientConnected()]),
    experiments: seen(
      experimentsDecider,
      streams.experiments,
      world.experiments ?? [experimentStarted()],
    ),
    priceList: seen(priceListDecider, streams.priceList, world.priceList ?? [priceList()]),
  };
}
