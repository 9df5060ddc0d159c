import { Dated, Decider } from '../decider';
import { PriceListEvent, PriceListPublished, PricePosition } from '../events';
import { BusinessDate } from '../shared/business-date';
import { InvalidCommandError } from '../shared/domain-error';
import { requireAmountUpTo } from '../shared/amount-guards';
import { MAX_UNIT_PRICE, normaliseRate } from '../shared/money';
import { record, Timeline, valueOn } from '../shared/timeline';

export interface PublishPriceList extends Dated {
  type: 'PublishPriceList';
  data: PriceListPublished['data'];
}

export interface PriceList {
  readonly effectiveFrom: BusinessDate;
  readonly cskDiscountRate: string;
  readonly positions: ReadonlyMap<string, PricePosition>;
}

/** The price lists the vendor published, each in force from its date until the next one. */
export interface PriceListState {
  readonly lists: Timeline<PriceList | undefined>;
}

export const priceListOn = (state: PriceListState, date: BusinessDate): PriceList | undefined =>
  valueOn(state.lists, date, undefined);

export const priceListDecider: Decider<PublishPriceList, PriceListState, PriceListEvent> = {
  initialState: () => ({ lists: [] }),

  evolve(state, { data }) {
    const positions = new Map(data.positions.map((position) => [position.code, position]));
    const list: PriceList = {
      effectiveFrom: data.effectiveFrom,
      cskDiscountRate: data.cskDiscountRate,
      positions,
    };
    return { lists: record(state.lists, data.effectiveFrom, list) };
  },

  /** A price list may be published ahead of its date: it is a schedule, not a fact. */
  decide({ data }) {
    const codes = new Set<string>();
    data.positions.forEach((position, i) => {
      if (codes.has(position.code)) {
        throw new InvalidCommandError(
          `positions.${i}.code`,
          `position ${position.code} appears twice`,
        );
      }
      codes.add(position.code);
      requireAmountUpTo(`positions.${i}.retailPrice`, position.retailPrice, MAX_UNIT_PRICE);
    });
    return [
      {
        type: 'PriceListPublished',
        data: { ...data, cskDiscountRate: normaliseRate(data.cskDiscountRate) },
      },
    ];
  },
};
