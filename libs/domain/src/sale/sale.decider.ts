import { ClientState, requireInServiceOn } from '../client/client.decider';
import { Decider, Seen } from '../decider';
import { DiscountInputs, SaleEvent } from '../events';
import { ExperimentsState } from '../experiment/experiments.decider';
import { PartnerState, requireRegistered } from '../partner/partner.decider';
import { notActiveMessage, sellingTermsOn } from '../participation';
import { PriceListState, priceListOn } from '../price-list/price-list.decider';
import { assertNotFuture, BusinessDate } from '../shared/business-date';
import { requireAmountUpTo, requireQuantity } from '../shared/amount-guards';
import { InvalidCommandError, refuse } from '../shared/domain-error';
import { formatMoney, MAX_SALE_AMOUNT } from '../shared/money';
import {
  CURRENT_DISCOUNT_POLICY,
  decideDiscount,
  DiscountDecision,
  discountPolicies,
} from './discount-policy';
import { SaleCommand, SellSubscription } from './sale.commands';

export type SaleState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly saleId: string;
      readonly partnerId: string;
      readonly clientId: string;
      readonly soldOn: BusinessDate;
      readonly paidOn?: BusinessDate;
    };

/** What a sale decision reads besides the sale itself, with the revisions it read. */
export interface SaleContext {
  readonly partner: Seen<PartnerState>;
  readonly client: Seen<ClientState>;
  readonly experiments: Seen<ExperimentsState>;
  readonly priceList: Seen<PriceListState>;
}

/**
 * The facts a sale's discount rests on, read from the context as of the sale date, and the
 * decision the named policy makes from them. Refuses a sale the rules do not allow.
 */
export function priceSale(
  data: SellSubscription['data'],
  context: SaleContext,
  policyVersion = CURRENT_DISCOUNT_POLICY,
): { inputs: DiscountInputs; positionName: string; decision: DiscountDecision } {
  const policy = discountPolicies[policyVersion];
  if (!policy) throw new RangeError(`no discount policy ${policyVersion}`);
  const { inputs, positionName } = saleFacts(data, context);
  return { inputs, positionName, decision: policy(inputs) };
}

/**
 * The facts of a sale as of its date, or the rule that refuses it. A non-CSK sale outside every
 * experiment gets its facts without an experiment (the policy refuses it) when the price list
 * prices it; else it is refused EXPERIMENT_NOT_ACTIVE here, first, as before.
 */
function saleFacts(
  data: SellSubscription['data'],
  context: SaleContext,
): { inputs: DiscountInputs; positionName: string } {
  const { partnerId, clientId, positionCode, quantity, soldOn } = data;
  const partner = requireRegistered(context.partner.state, partnerId);
  const client = requireInServiceOn(context.client.state, clientId, soldOn);
  if (client.partnerId !== partnerId) {
    refuse('SELLER_MUST_CONNECT_CLIENT', `client ${clientId} was connected by another partner`);
  }
  const participation = sellingTermsOn(partner, context.experiments.state, soldOn);
  const outside = participation.segment === 'non-csk' && !participation.experiment;
  const list = priceListOn(context.priceList.state, soldOn);
  const position = list?.positions.get(positionCode);
  if (outside && !position) refuse('EXPERIMENT_NOT_ACTIVE', notActiveMessage(soldOn));
  if (!list) refuse('NO_PRICE_LIST', `no price list is in force on ${soldOn}`);
  if (!position)
    refuse(
      'UNKNOWN_POSITION',
      `${positionCode} is not an ITSaaS position of the price list of ${list.effectiveFrom}`,
    );
  const seen = ({ streamId, revision }: { streamId: string; revision: number }) => ({
    streamId,
    revision,
  });
  const inputs: DiscountInputs = {
    partner: {
      ...seen(context.partner),
      csk: participation.segment === 'csk',
      franchisee: partner.franchisee,
      country: partner.country,
    },
    client: { ...seen(context.client), connectedBy: client.partnerId },
    priceList: {
      ...seen(context.priceList),
      effectiveFrom: list.effectiveFrom,
      positionCode,
      unitPrice: position.retailPrice,
      cskDiscountRate: list.cskDiscountRate,
    },
    ...(participation.segment === 'non-csk' &&
      participation.experiment && {
        experiment: {
          ...seen(context.experiments),
          experimentId: participation.experiment.experimentId,
          discountRate: participation.experiment.discountRate,
        },
      }),
    quantity,
    soldOn,
  };
  return { inputs, positionName: position.name };
}

/** A price list published before the bounds may hold a price that no sale can afford now. */
function requireSaleAmount({ priceList, quantity }: DiscountInputs): void {
  if (priceList.unitPrice * quantity > MAX_SALE_AMOUNT) {
    throw new InvalidCommandError(
      'quantity',
      `${quantity} × ${formatMoney(priceList.unitPrice)} roubles is over the ${formatMoney(MAX_SALE_AMOUNT)} roubles one sale may cost`,
    );
  }
}

export const saleDecider: Decider<SaleCommand, SaleState, SaleEvent, SaleContext | undefined> = {
  initialState: () => ({ exists: false }),

  evolve(state, event) {
    switch (event.type) {
      case 'SubscriptionSold': {
        const { saleId, partnerId, clientId, soldOn } = event.data;
        return { exists: true, saleId, partnerId, clientId, soldOn };
      }
      case 'DiscountApplied':
        return state;
      case 'PaymentReceived':
        return state.exists ? { ...state, paidOn: event.data.paidOn } : state;
    }
  },

  decide(command, state, context) {
    const { saleId } = command.data;
    if (command.type === 'SellSubscription') {
      requireQuantity('quantity', command.data.quantity);
      if (state.exists) refuse('ALREADY_EXISTS', `sale ${saleId} already exists`);
      if (!context) throw new Error('a sale is decided with its context');
      assertNotFuture('soldOn', command.data.soldOn, command.today);
      const { inputs, positionName } = saleFacts(command.data, context);
      requireSaleAmount(inputs);
      const decision = decideDiscount(inputs);
      const { partnerId, clientId, positionCode, quantity, soldOn } = command.data;
      return [
        {
          type: 'SubscriptionSold',
          data: {
            saleId,
            partnerId,
            clientId,
            positionCode,
            positionName,
            quantity,
            unitPrice: inputs.priceList.unitPrice,
            retail: decision.retail,
            soldOn,
          },
        },
        {
          type: 'DiscountApplied',
          data: {
            saleId,
            partnerId,
            clientId,
            ...decision,
            policyVersion: CURRENT_DISCOUNT_POLICY,
            inputs,
          },
        },
      ];
    }
    const { paidOn, amount } = command.data;
    requireAmountUpTo('amount', amount, MAX_SALE_AMOUNT);
    if (!state.exists) refuse('SALE_NOT_FOUND', `sale ${saleId} does not exist`);
    assertNotFuture('paidOn', paidOn, command.today);
    if (paidOn < state.soldOn)
      throw new InvalidCommandError('paidOn', `must not be before the sale date ${state.soldOn}`);
    if (state.paidOn)
      refuse('ALREADY_EXISTS', `sale ${saleId} was already paid on ${state.paidOn}`);
    const { partnerId, clientId } = state;
    return [{ type: 'PaymentReceived', data: { saleId, partnerId, clientId, paidOn, amount } }];
  },
};
