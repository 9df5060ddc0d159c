import { DiscountInputs, DiscountRule } from '../events';
import { notActiveMessage } from '../participation';
import { DomainError, refuse } from '../shared/domain-error';
import { applyRate, formatRate, Kopecks, parseRate, retailOf } from '../shared/money';

export interface DiscountDecision {
  readonly rule: DiscountRule;
  readonly rate: string;
  readonly retail: Kopecks;
  readonly discount: Kopecks;
  readonly net: Kopecks;
}

export type DiscountPolicy = (inputs: DiscountInputs) => DiscountDecision;

function price(rule: DiscountRule, rateText: string, retail: Kopecks): DiscountDecision {
  const rate = parseRate(rateText);
  const discount = applyRate(retail, rate);
  return { rule, rate: formatRate(rate), retail, discount, net: retail - discount };
}

/**
 * v1, the letter of December 2014: a partner that is CSK on the sale date gets the price list's
 * CSK rate; any other partner gets the rate of the experiment it sells under. Retail is the
 * position's price times the quantity, exact; the discount is rounded half up to the kopeck and
 * net is retail − discount, so discount + net = retail to the kopeck.
 */
const v1: DiscountPolicy = (inputs) => {
  const retail = retailOf(inputs.priceList.unitPrice, inputs.quantity);
  if (inputs.partner.csk) return price('csk', inputs.priceList.cskDiscountRate, retail);
  if (!inputs.experiment) refuse('EXPERIMENT_NOT_ACTIVE', notActiveMessage(inputs.soldOn));
  return price('non-csk-experiment', inputs.experiment.discountRate, retail);
};

/** Every policy ever used stays here under its version, so old decisions can be re-derived. */
export const discountPolicies: Readonly<Record<string, DiscountPolicy>> = { v1 };
export const CURRENT_DISCOUNT_POLICY = 'v1';

/**
 * A sale the discount policy refused, with the version and the facts it was given: recorded with
 * the refusal, they let a scenario decide the refused sale again.
 */
export class DiscountRefused extends DomainError {
  constructor(
    refusal: DomainError,
    readonly policyVersion: string,
    readonly inputs: DiscountInputs,
  ) {
    super(refusal.code, refusal.message);
  }
}

/** The current policy's decision on these facts; its refusal is a DiscountRefused. */
export function decideDiscount(inputs: DiscountInputs): DiscountDecision {
  try {
    return discountPolicies[CURRENT_DISCOUNT_POLICY](inputs);
  } catch (error) {
    if (error instanceof DomainError)
      throw new DiscountRefused(error, CURRENT_DISCOUNT_POLICY, inputs);
    throw error;
  }
}
