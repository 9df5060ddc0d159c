import { applyRate, DomainEvent, parseRate } from '@fresh/domain';
import { evaluateScenario, Scenario, WhatIfRecord, WhatIfResult } from '../src';

/** The recorded world the tests ask questions of: built as the service would have recorded it. */
export const BP = 1_234_567; // 12 345.67 ₽, the unit price of BP-5-12
export const ONE_MONTH = 99_900; // 999.00 ₽

export const registered = (partnerId: string, name = `ООО ${partnerId}`): DomainEvent => ({
  type: 'PartnerRegistered',
  data: { partnerId, name, country: 'RU', franchisee: true },
});
export const certified = (partnerId: string, certifiedOn: string): DomainEvent => ({
  type: 'PartnerCertified',
  data: {
    partnerId,
    certifiedOn,
    certifiedSpecialists: 2,
    responsibleEmployee: 'Иванов',
    supportCommitment: true,
  },
});
export const started: DomainEvent = {
  type: 'ExperimentStarted',
  data: {
    experimentId: 'exp-2014',
    startsOn: '2014-12-08',
    endsOn: '2015-05-31',
    discountRate: '0.20',
  },
};
export const extended: DomainEvent = {
  type: 'ExperimentEnded',
  data: {
    experimentId: 'exp-2014',
    decision: 'extend',
    decidedOn: '2015-05-25',
    effectiveOn: '2015-05-25',
    newEndsOn: '2015-12-31',
  },
};

export interface SaleSpec {
  saleId: string;
  partnerId: string;
  clientId: string;
  soldOn: string;
  unitPrice: number;
  quantity: number;
  /** The partner's status on the day, as the sale recorded it. */
  csk: boolean;
  /** The rate the sale was decided with: the experiment's or the price list's CSK rate. */
  rate: string;
  cskDiscountRate?: string;
}

/** A sale's DiscountApplied, as the service records it (the amounts follow the recorded rate). */
export function sold(spec: SaleSpec): DomainEvent {
  const retail = spec.unitPrice * spec.quantity;
  const discount = applyRate(retail, parseRate(spec.rate));
  const cskDiscountRate = spec.cskDiscountRate ?? (spec.csk ? spec.rate : '0.50');
  return {
    type: 'DiscountApplied',
    data: {
      saleId: spec.saleId,
      partnerId: spec.partnerId,
      clientId: spec.clientId,
      rule: spec.csk ? 'csk' : 'non-csk-experiment',
      rate: spec.rate,
      retail,
      discount,
      net: retail - discount,
      policyVersion: 'v1',
      inputs: {
        partner: {
          streamId: `partner-${spec.partnerId}`,
          revision: 0,
          csk: spec.csk,
          franchisee: true,
          country: 'RU',
        },
        client: { streamId: `client-${spec.clientId}`, revision: 0, connectedBy: spec.partnerId },
        priceList: {
          streamId: 'price-list',
          revision: 0,
          effectiveFrom: '2014-12-01',
          positionCode: 'BP-5-12',
          unitPrice: spec.unitPrice,
          cskDiscountRate,
        },
        ...(!spec.csk && {
          experiment: {
            streamId: 'experiments',
            revision: 1,
            experimentId: 'exp-2014',
            discountRate: spec.rate,
          },
        }),
        quantity: spec.quantity,
        soldOn: spec.soldOn,
      },
    },
  };
}

export const paid = (
  saleId: string,
  partnerId: string,
  clientId: string,
  paidOn: string,
): DomainEvent => ({
  type: 'PaymentReceived',
  data: { saleId, partnerId, clientId, paidOn, amount: 1 },
});

/** given(events).when(scenario, granularity) → the evaluation's answer. */
export const given = (events: DomainEvent[]) => ({
  when: (scenario: Scenario, granularity: 'week' | 'month' = 'month'): Promise<WhatIfResult> =>
    evaluateScenario(WhatIfRecord.of(events), 'exp-2014', scenario, { granularity }),
});

/**
 * A sale the discount policy refused, as its refusal journals it: the facts it was given (no
 * experiment ran on the day, so none is among them).
 */
export function refused(spec: Omit<SaleSpec, 'csk' | 'rate'>): DomainEvent {
  const accepted = sold({ ...spec, csk: false, rate: '0.20' }).data as unknown as {
    inputs: Record<string, unknown>;
  };
  const { experiment: _, ...inputs } = accepted.inputs;
  return {
    type: 'CommandRefused',
    data: {
      code: 'EXPERIMENT_NOT_ACTIVE',
      detail: `no experiment admits non-CSK partners on ${spec.soldOn}`,
      commandType: 'SellSubscription',
      route: 'POST /api/v1/sales',
      partnerId: spec.partnerId,
      bodySha256: '0'.repeat(64),
      sale: {
        saleId: spec.saleId,
        partnerId: spec.partnerId,
        clientId: spec.clientId,
        policyVersion: 'v1',
        inputs,
      },
    },
  } as unknown as DomainEvent;
}

/** A sale refused before refusals journaled their facts: a digest of the body only. */
export const refusedWithoutFacts = (partnerId: string): DomainEvent =>
  ({
    type: 'CommandRefused',
    data: {
      code: 'EXPERIMENT_NOT_ACTIVE',
      detail: 'no experiment admits non-CSK partners on 2016-01-20',
      commandType: 'SellSubscription',
      route: 'POST /api/v1/sales',
      partnerId,
      bodySha256: '1'.repeat(64),
    },
  }) as unknown as DomainEvent;
