import {
  BusinessDate,
  DiscountApplied,
  DiscountInputs,
  DiscountRule,
  ExperimentEvent,
  experimentsDecider,
  ExperimentsState,
  Kopecks,
  ObligationsStatus,
  PartnerCertificationRevoked,
  PartnerCertified,
  PartnerObligationsChanged,
  PartnerRegistered,
  PaymentReceived,
} from '@fresh/domain';
import type { Change } from '@fresh/read-models';
import type { CommandRefusedData, RefusedSale } from '@fresh/audit';

/** A recorded sale: the decision on record and the facts it was decided from. */
export interface RecordedSale {
  saleId: string;
  partnerId: string;
  clientId: string;
  soldOn: BusinessDate;
  policyVersion: string;
  inputs: DiscountInputs;
  rule: DiscountRule;
  retail: Kopecks;
  discount: Kopecks;
  net: Kopecks;
}

export interface RecordedPayment {
  saleId: string;
  /** The index of its sale in `sales`; -1 when the sale is not on record. */
  sale: number;
  partnerId: string;
  clientId: string;
  paidOn: BusinessDate;
}

/** What the published list needs of a partner: its name, CSK status and obligations over time. */
export interface PartnerFacts {
  name?: string;
  csk: Change<boolean>[];
  obligations: Change<ObligationsStatus>[];
}

/**
 * The only event types a scenario reads; a sale's other facts are in DiscountApplied.inputs, a
 * refused sale's in its CommandRefused.sale.
 */
export const WHAT_IF_EVENT_TYPES = [
  'ExperimentStarted',
  'ExperimentEnded',
  'DiscountApplied',
  'PaymentReceived',
  'PartnerRegistered',
  'PartnerCertified',
  'PartnerCertificationRevoked',
  'PartnerObligationsChanged',
  'CommandRefused',
] as const;

type WhatIfEvent =
  | ExperimentEvent
  | DiscountApplied
  | PaymentReceived
  | PartnerRegistered
  | PartnerCertified
  | PartnerCertificationRevoked
  | PartnerObligationsChanged
  | { type: 'CommandRefused'; data: CommandRefusedData };

/** The part of the log a scenario is evaluated on, folded in log order. */
export class WhatIfRecord {
  /** The log position the record has read up to (every event of its types at or before it). */
  position?: bigint;
  experiments: ExperimentsState = experimentsDecider.initialState();
  readonly sales: RecordedSale[] = [];
  readonly payments: RecordedPayment[] = [];
  readonly partners = new Map<string, PartnerFacts>();
  /** Sales the discount policy refused, by sale id (the last refusal of an id), with their facts. */
  readonly refusedSales = new Map<string, RefusedSale>();
  /** Sales refused EXPERIMENT_NOT_ACTIVE before their facts were journaled: not to be decided again. */
  refusalsWithoutFacts = 0;
  private readonly saleIndex = new Map<string, number>();

  /** Whether a sale of this id is on record (accepted). */
  recorded(saleId: string): boolean {
    return this.saleIndex.has(saleId);
  }

  private partner(partnerId: string): PartnerFacts {
    let facts = this.partners.get(partnerId);
    if (!facts) this.partners.set(partnerId, (facts = { csk: [], obligations: [] }));
    return facts;
  }

  apply(event: { type: string; data: unknown }): void {
    const e = event as WhatIfEvent;
    switch (e.type) {
      case 'ExperimentStarted':
      case 'ExperimentEnded':
        this.experiments = experimentsDecider.evolve(this.experiments, e);
        break;
      case 'DiscountApplied': {
        const { saleId, partnerId, clientId, policyVersion, inputs, rule, retail, discount, net } =
          e.data;
        this.saleIndex.set(saleId, this.sales.length);
        this.sales.push({
          saleId,
          partnerId,
          clientId,
          soldOn: inputs.soldOn,
          policyVersion,
          inputs,
          rule,
          retail,
          discount,
          net,
        });
        break;
      }
      case 'PaymentReceived': {
        const { saleId, partnerId, clientId, paidOn } = e.data;
        const sale = this.saleIndex.get(saleId) ?? -1;
        this.payments.push({ saleId, sale, partnerId, clientId, paidOn });
        break;
      }
      case 'PartnerRegistered':
        this.partner(e.data.partnerId).name = e.data.name;
        break;
      case 'PartnerCertified':
        this.partner(e.data.partnerId).csk.push({ on: e.data.certifiedOn, value: true });
        break;
      case 'PartnerCertificationRevoked':
        this.partner(e.data.partnerId).csk.push({ on: e.data.revokedOn, value: false });
        break;
      case 'PartnerObligationsChanged':
        this.partner(e.data.partnerId).obligations.push({
          on: e.data.since,
          value: e.data.status,
        });
        break;
      case 'CommandRefused':
        if (e.data.sale) this.refusedSales.set(e.data.sale.saleId, e.data.sale);
        else if (
          e.data.commandType === 'SellSubscription' &&
          e.data.code === 'EXPERIMENT_NOT_ACTIVE'
        )
          this.refusalsWithoutFacts++;
        break;
    }
  }

  static of(events: readonly { type: string; data: unknown }[]): WhatIfRecord {
    const record = new WhatIfRecord();
    for (const event of events) record.apply(event);
    return record;
  }
}
