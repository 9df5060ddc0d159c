import {
  BusinessDate,
  DiscountDecision,
  DiscountInputs,
  discountPolicies,
  DomainError,
  Experiment,
  ExperimentEnded,
  Kopecks,
  normaliseRate,
  runningExperimentOn,
  Segment,
} from '@fresh/domain';
import {
  PartnerDoc,
  periodKey,
  periodsBetween,
  PUBLISHED_MIN_PAYING_CLIENTS,
  standingOn,
  windowOf,
} from '@fresh/read-models';
import { sameExperiment, Scenario, scenarioExperiments } from './scenario';
import { RecordedSale, WhatIfRecord } from './what-if-record';

export type WhatIfGranularity = 'week' | 'month';
export type SegmentOrAll = Segment | 'all';

/** Money and counts of the sales in a period. */
export interface PeriodFigures {
  sales: number;
  retail: Kopecks;
  discount: Kopecks;
  net: Kopecks;
  /** Clients whose first payment (for a sale that happens) falls in the period. */
  newPayingClients: number;
}
/** The same over the whole span, with the clients paying and the partners published at its end. */
export interface TotalFigures extends Omit<PeriodFigures, 'newPayingClients'> {
  payingClients: number;
  publishedPartners: number;
}
export type BySegment<F> = Record<SegmentOrAll, F>;
export interface Compared<F> {
  actual: BySegment<F>;
  scenario: BySegment<F>;
  difference: BySegment<F>;
}

export interface Terms {
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  discountRate: string;
  decisions: Omit<ExperimentEnded['data'], 'experimentId'>[];
}
export interface Side {
  /** From the start to the end the decisions lead to (or the eve of termination). */
  window: { from: BusinessDate; to: BusinessDate };
  terms: Terms;
}

export interface Money {
  sales: number;
  retail: Kopecks;
  discount: Kopecks;
  net: Kopecks;
}
export interface PartnerChange {
  partnerId: string;
  name: string | null;
  actual: Money;
  scenario: Money;
  difference: Money;
  /** Its sales the scenario would have refused. */
  refused: number;
}

export interface SaleChanges {
  /** Recorded sales dated in the span, each decided again. */
  sales: number;
  unchanged: number;
  /** Another rule (CSK rate instead of the experiment's, or the reverse). */
  changedRule: number;
  /** The same rule, another discount. */
  changedAmount: number;
  refused: number;
  refusedByCode: Record<string, number>;
  /**
   * Sales refused in reality by the discount policy, dated in the span, that the scenario would
   * accept (their money is `wouldBeAccepted`, apart from the scenario's): null while no refused
   * sale's facts are on record (they cannot be seen).
   */
  acceptedThoughRefused: number | null;
  /** Sales refused EXPERIMENT_NOT_ACTIVE journaled before their facts were: not decided again. */
  refusalsWithoutFacts: number;
}

export interface WhatIfResult {
  experimentId: string;
  granularity: WhatIfGranularity;
  /** The days compared: from the earlier start to the later end of the two windows. */
  span: { from: BusinessDate; to: BusinessDate };
  actual: Side;
  scenario: Side;
  refusalsOnRecord: boolean;
  refusalsNote: string;
  /**
   * Over the span; paying clients and published partners as of `span.to`. `wouldBeAccepted`: the
   * sales refused in reality that the scenario would accept, counted apart (not in `scenario`).
   */
  totals: Compared<TotalFigures> & { asOf: BusinessDate; wouldBeAccepted: BySegment<Money> };
  periods: ({ period: string; from: BusinessDate; to: BusinessDate } & Compared<PeriodFigures> & {
      wouldBeAccepted: BySegment<Money>;
    })[];
  /** The partners whose net changes most (then sales), largest first; unchanged ones left out. */
  partners: PartnerChange[];
  changes: SaleChanges;
  /** Present when the scenario changes nothing: whether every difference is then zero. */
  identityCheck?: boolean;
}

export interface WhatIfOptions {
  granularity: WhatIfGranularity;
  /** How many changed partners to list; 10 when absent. */
  topPartners?: number;
  /** Called between slices of work, so that a caller may yield to its event loop. */
  pause?: () => Promise<void>;
}

export class UnknownExperimentError extends Error {
  constructor(readonly experimentId: string) {
    super(`experiment ${experimentId} does not exist`);
    this.name = 'UnknownExperimentError';
  }
}

export const REFUSALS_NOT_ON_RECORD =
  'No refused sale is on record with its facts (refusals journaled before the facts were keep ' +
  'only a digest of the body): a sale refused in reality cannot be decided again, so the ' +
  'scenario counts only recorded sales (changed, or refused).';

/** What the answer says of sales refused in reality, from what the record holds of them. */
export function refusalsNote(onRecord: boolean, withoutFacts: number): string {
  if (!onRecord) return REFUSALS_NOT_ON_RECORD;
  const decided =
    'Sales the discount policy refused in reality are decided again from the facts journaled ' +
    'with their refusal; those the scenario would accept are counted apart (wouldBeAccepted), ' +
    'not in the scenario’s figures.';
  return withoutFacts === 0
    ? decided
    : `${decided} ${withoutFacts} refused sale(s) were journaled before their facts were: they ` +
        'cannot be decided again and are left out.';
}

/** Sales decided between two turns of the caller's event loop. */
const SLICE = 1_000;

/**
 * A scenario's refusals are counted, never thrown to anyone: their stack traces are not captured
 * (they were most of the cost of a refusal). Synchronous, so no other code sees the limit.
 */
function withoutStackTraces(work: () => void): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    work();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

type Outcome =
  | { refused: false; segment: Segment; decision: DiscountDecision }
  | { refused: true; code: string };

/**
 * A recorded sale decided again by the policy it was decided with, from the facts recorded in its
 * DiscountApplied.inputs, with the scenario's experiments in place of the recorded ones and the
 * scenario's CSK rate in place of the recorded one. The policy's refusal is the scenario's.
 */
function decideAgain(
  sale: Pick<RecordedSale, 'policyVersion' | 'inputs'>,
  experimentOn: (date: BusinessDate) => DiscountInputs['experiment'],
  cskDiscountRate: string | undefined,
): Outcome {
  const policy = discountPolicies[sale.policyVersion];
  if (!policy) throw new RangeError(`no discount policy ${sale.policyVersion}`);
  const recorded = sale.inputs;
  // The recorded facts, with the scenario's CSK rate and experiment (built field by field: cheaper
  // than a spread of the whole object, and the recorded one is never changed).
  const inputs: DiscountInputs = {
    partner: recorded.partner,
    client: recorded.client,
    priceList:
      cskDiscountRate === undefined
        ? recorded.priceList
        : { ...recorded.priceList, cskDiscountRate },
    quantity: recorded.quantity,
    soldOn: recorded.soldOn,
  };
  if (!recorded.partner.csk) {
    const experiment = experimentOn(recorded.soldOn);
    if (experiment) inputs.experiment = experiment;
  }
  try {
    const decision = policy(inputs);
    return { refused: false, segment: decision.rule === 'csk' ? 'csk' : 'non-csk', decision };
  } catch (error) {
    if (error instanceof DomainError) return { refused: true, code: error.code };
    throw error;
  }
}

const money = (): Money => ({ sales: 0, retail: 0, discount: 0, net: 0 });
const periodFigures = (): PeriodFigures => ({ ...money(), newPayingClients: 0 });
const totalFigures = (): TotalFigures => ({ ...money(), payingClients: 0, publishedPartners: 0 });
const bySegment = <F>(make: () => F): BySegment<F> => ({
  csk: make(),
  'non-csk': make(),
  all: make(),
});

function addMoney(into: Money, sale: Omit<Money, 'sales'>): void {
  into.sales++;
  into.retail += sale.retail;
  into.discount += sale.discount;
  into.net += sale.net;
}

/** b − a, field by field (every field is a number). */
function minus<F extends object>(b: F, a: F): F {
  return Object.fromEntries(
    Object.entries(b).map(([k, v]) => [k, (v as number) - (a as Record<string, number>)[k]]),
  ) as F;
}
const compare = <F extends object>(actual: BySegment<F>, scenario: BySegment<F>): Compared<F> => ({
  actual,
  scenario,
  difference: {
    csk: minus(scenario.csk, actual.csk),
    'non-csk': minus(scenario['non-csk'], actual['non-csk']),
    all: minus(scenario.all, actual.all),
  },
});
const isZero = (figures: object): boolean =>
  Object.values(figures).every((v) => (typeof v === 'number' ? v === 0 : isZero(v as object)));

function requireExact(figures: BySegment<Money>): void {
  for (const f of Object.values(figures)) {
    if (![f.retail, f.discount, f.net].every(Number.isSafeInteger))
      throw new RangeError('a total is beyond an exact number of kopecks');
  }
}

const termsOf = (experiment: Experiment): Terms => ({
  startsOn: experiment.started.startsOn,
  endsOn: experiment.started.endsOn,
  discountRate: experiment.started.discountRate,
  decisions: experiment.decisions.map(({ experimentId: _, ...decision }) => decision),
});

/** One side's money per period and in total, and its paying clients and published partners. */
class SideFigures {
  readonly periods = new Map<string, BySegment<PeriodFigures>>();
  readonly totals = bySegment(totalFigures);
  /** Per partner, each client's first payment date. */
  readonly payers = new Map<string, Map<string, BusinessDate>>();
  /** Per client, the first payment and the segment of the sale it paid. */
  private readonly firstPayments = new Map<string, { paidOn: BusinessDate; segment: Segment }>();

  constructor(
    private readonly granularity: WhatIfGranularity,
    private readonly span: { from: BusinessDate; to: BusinessDate },
  ) {}

  private readonly keys = new Map<BusinessDate, string>();
  private period(day: BusinessDate): BySegment<PeriodFigures> {
    let key = this.keys.get(day);
    if (key === undefined) this.keys.set(day, (key = periodKey(day, this.granularity)));
    let figures = this.periods.get(key);
    if (!figures) this.periods.set(key, (figures = bySegment(periodFigures)));
    return figures;
  }

  sale(day: BusinessDate, segment: Segment, amounts: Omit<Money, 'sales'>): void {
    const period = this.period(day);
    for (const s of [segment, 'all'] as const) {
      addMoney(period[s], amounts);
      addMoney(this.totals[s], amounts);
    }
  }

  payment(partnerId: string, clientId: string, paidOn: BusinessDate, segment: Segment): void {
    let clients = this.payers.get(partnerId);
    if (!clients) this.payers.set(partnerId, (clients = new Map()));
    const known = clients.get(clientId);
    if (!known || paidOn < known) clients.set(clientId, paidOn);
    const first = this.firstPayments.get(clientId);
    if (!first || paidOn < first.paidOn) this.firstPayments.set(clientId, { paidOn, segment });
  }

  /** Paying clients at the end of the span and new paying clients per period, from first payments. */
  async closePayments(pause: () => Promise<void>): Promise<void> {
    let n = 0;
    for (const { paidOn, segment } of this.firstPayments.values()) {
      if (++n % SLICE === 0) await pause();
      if (paidOn > this.span.to) continue;
      for (const s of [segment, 'all'] as const) this.totals[s].payingClients++;
      if (paidOn < this.span.from) continue;
      const period = this.period(paidOn);
      for (const s of [segment, 'all'] as const) period[s].newPayingClients++;
    }
  }

  /** Partners on the published list at the end of the span, by their segment on that day. */
  async closePublished(record: WhatIfRecord, pause: () => Promise<void>): Promise<void> {
    // A partner's cost grows with its clients (some have tens of thousands): yield by clients.
    let clientsSincePause = 0;
    for (const [partnerId, clients] of this.payers) {
      clientsSincePause += clients.size;
      if (clientsSincePause > 5 * SLICE) {
        clientsSincePause = clients.size;
        await pause();
      }
      // Fewer clients than the list needs, however many of them pay: not published.
      if (clients.size < PUBLISHED_MIN_PAYING_CLIENTS) continue;
      const facts = record.partners.get(partnerId);
      const doc: PartnerDoc = {
        _id: partnerId,
        name: facts?.name ?? partnerId,
        country: '',
        franchisee: false,
        region: null,
        registeredOn: '',
        csk: facts?.csk ?? [],
        obligations: facts?.obligations ?? [],
        payers: Object.fromEntries(clients),
      };
      const standing = standingOn(doc, this.span.to);
      if (!standing.published) continue;
      for (const s of [standing.segment, 'all'] as const) this.totals[s].publishedPartners++;
    }
  }
}

/**
 * The scenario evaluated on the record: every recorded sale dated from the earlier start to the
 * later end of the two windows is decided again (see decideAgain); payments follow their sales
 * (a sale the scenario refuses is not paid). Pure: no clock, no store; `pause` only yields.
 */
export async function evaluateScenario(
  record: WhatIfRecord,
  experimentId: string,
  scenario: Scenario,
  options: WhatIfOptions,
): Promise<WhatIfResult> {
  const recorded = record.experiments.experiments.get(experimentId);
  if (!recorded) throw new UnknownExperimentError(experimentId);
  const experiments = scenarioExperiments(record.experiments, experimentId, scenario);
  const imagined = experiments.experiments.get(experimentId)!;
  const cskDiscountRate =
    scenario.cskDiscountRate === undefined ? undefined : normaliseRate(scenario.cskDiscountRate);
  const [actualWindow, scenarioWindow] = [windowOf(recorded), windowOf(imagined)];
  const span = {
    from: actualWindow.from < scenarioWindow.from ? actualWindow.from : scenarioWindow.from,
    to: actualWindow.to > scenarioWindow.to ? actualWindow.to : scenarioWindow.to,
  };
  const pause = options.pause ?? (() => Promise.resolve());
  const sides = {
    actual: new SideFigures(options.granularity, span),
    scenario: new SideFigures(options.granularity, span),
  };
  const changes: SaleChanges = {
    sales: 0,
    unchanged: 0,
    changedRule: 0,
    changedAmount: 0,
    refused: 0,
    refusedByCode: {},
    acceptedThoughRefused: null,
    refusalsWithoutFacts: record.refusalsWithoutFacts,
  };
  const partners = new Map<string, { actual: Money; scenario: Money; refused: number }>();
  let cskRateUnchanged = true;

  /** Sale id → segment of the sale as recorded, and in the scenario (absent: refused in it). */
  const scenarioSegment: (Segment | undefined)[] = new Array(record.sales.length);
  /**
   * The experiment a non-CSK partner sells under on a date in the scenario, as a sale's input (asked
   * once a day; the stream and revision are the recorded experiments stream's, as nothing is read).
   */
  const running = new Map<BusinessDate, DiscountInputs['experiment']>();
  const experimentOn = (date: BusinessDate) => {
    if (!running.has(date)) {
      const terms = runningExperimentOn(experiments, date);
      running.set(
        date,
        terms && {
          streamId: 'experiments',
          revision: -1,
          experimentId: terms.experimentId,
          discountRate: terms.discountRate,
        },
      );
    }
    return running.get(date);
  };
  const evaluate = (sale: RecordedSale, index: number) => {
    const segment: Segment = sale.rule === 'csk' ? 'csk' : 'non-csk';
    if (sale.soldOn < span.from || sale.soldOn > span.to) {
      scenarioSegment[index] = segment;
      return;
    }
    if (cskDiscountRate !== undefined && sale.inputs.partner.csk)
      cskRateUnchanged &&= normaliseRate(sale.inputs.priceList.cskDiscountRate) === cskDiscountRate;
    changes.sales++;
    sides.actual.sale(sale.soldOn, segment, sale);
    let partner = partners.get(sale.partnerId);
    if (!partner)
      partners.set(sale.partnerId, (partner = { actual: money(), scenario: money(), refused: 0 }));
    addMoney(partner.actual, sale);
    const outcome = decideAgain(sale, experimentOn, cskDiscountRate);
    if (outcome.refused) {
      changes.refused++;
      changes.refusedByCode[outcome.code] = (changes.refusedByCode[outcome.code] ?? 0) + 1;
      partner.refused++;
      return;
    }
    const { decision } = outcome;
    scenarioSegment[index] = outcome.segment;
    sides.scenario.sale(sale.soldOn, outcome.segment, decision);
    addMoney(partner.scenario, decision);
    if (decision.rule !== sale.rule) changes.changedRule++;
    else if (decision.discount !== sale.discount || decision.net !== sale.net)
      changes.changedAmount++;
    else changes.unchanged++;
  };
  const { sales } = record;
  for (let from = 0; from < sales.length; from += SLICE) {
    if (from > 0) await pause();
    withoutStackTraces(() => {
      for (let i = from; i < Math.min(from + SLICE, sales.length); i++) evaluate(sales[i], i);
    });
  }
  const refusalsOnRecord = record.refusedSales.size > 0;
  const wouldBeAccepted = new Map<string, BySegment<Money>>();
  const acceptedTotals = bySegment(money);
  if (refusalsOnRecord) {
    changes.acceptedThoughRefused = 0;
    withoutStackTraces(() => {
      for (const refused of record.refusedSales.values()) {
        const soldOn = refused.inputs.soldOn;
        // Sold again later under the same id: the recorded sale stands for it.
        if (soldOn < span.from || soldOn > span.to || record.recorded(refused.saleId)) continue;
        const outcome = decideAgain(refused, experimentOn, cskDiscountRate);
        if (outcome.refused) continue;
        changes.acceptedThoughRefused!++;
        const key = periodKey(soldOn, options.granularity);
        let period = wouldBeAccepted.get(key);
        if (!period) wouldBeAccepted.set(key, (period = bySegment(money)));
        for (const s of [outcome.segment, 'all'] as const) {
          addMoney(period[s], outcome.decision);
          addMoney(acceptedTotals[s], outcome.decision);
        }
      }
    });
    requireExact(acceptedTotals);
  }
  const { payments } = record;
  for (let from = 0; from < payments.length; from += SLICE) {
    await pause();
    for (let i = from; i < Math.min(from + SLICE, payments.length); i++) {
      const { sale, partnerId, clientId, paidOn } = payments[i];
      if (sale < 0) continue;
      sides.actual.payment(
        partnerId,
        clientId,
        paidOn,
        sales[sale].rule === 'csk' ? 'csk' : 'non-csk',
      );
      const imaginedSegment = scenarioSegment[sale];
      if (imaginedSegment) sides.scenario.payment(partnerId, clientId, paidOn, imaginedSegment);
    }
  }
  for (const side of [sides.actual, sides.scenario]) {
    await side.closePayments(pause);
    await side.closePublished(record, pause);
    requireExact(side.totals);
  }

  await pause();
  const periods = periodsBetween(span.from, span.to, options.granularity).map((p) => {
    const of = (side: SideFigures) => side.periods.get(p.period) ?? bySegment(periodFigures);
    return {
      ...p,
      ...compare(of(sides.actual), of(sides.scenario)),
      wouldBeAccepted: wouldBeAccepted.get(p.period) ?? bySegment(money),
    };
  });
  const totals = {
    asOf: span.to,
    ...compare(sides.actual.totals, sides.scenario.totals),
    wouldBeAccepted: acceptedTotals,
  };
  await pause();
  const changedPartners = [...partners]
    .filter(([, p]) => p.refused > 0 || !isZero(minus(p.scenario, p.actual)))
    .map(([partnerId, p]) => ({
      partnerId,
      p,
      net: Math.abs(p.scenario.net - p.actual.net),
      sales: Math.abs(p.scenario.sales - p.actual.sales),
    }))
    .sort((a, b) => b.net - a.net || b.sales - a.sales || (a.partnerId < b.partnerId ? -1 : 1))
    .slice(0, options.topPartners ?? 10)
    .map(({ partnerId, p }) => ({
      partnerId,
      name: record.partners.get(partnerId)?.name ?? null,
      actual: p.actual,
      scenario: p.scenario,
      difference: minus(p.scenario, p.actual),
      refused: p.refused,
    }));

  const changesNothing = sameExperiment(recorded, imagined) && cskRateUnchanged;
  const result: WhatIfResult = {
    experimentId,
    granularity: options.granularity,
    span,
    actual: { window: actualWindow, terms: termsOf(recorded) },
    scenario: { window: scenarioWindow, terms: termsOf(imagined) },
    refusalsOnRecord,
    refusalsNote: refusalsNote(refusalsOnRecord, record.refusalsWithoutFacts),
    totals,
    periods,
    partners: changedPartners,
    changes,
  };
  if (changesNothing) {
    result.identityCheck =
      isZero(totals.difference) &&
      periods.every((p) => isZero(p.difference)) &&
      changes.unchanged === changes.sales;
  }
  return result;
}
