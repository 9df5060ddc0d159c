import {
  BusinessDate,
  DomainError,
  Experiment,
  ExperimentDecision,
  ExperimentEnded,
  experimentsDecider,
  ExperimentsState,
  InvalidCommandError,
  isBusinessDate,
  isRate,
  normaliseRate,
} from '@fresh/domain';
import { isDeepStrictEqual } from 'node:util';

/** A decision of a scenario: as the vendor would have sent it. */
export interface ScenarioDecision {
  decision: ExperimentDecision;
  /** At least one of the two dates; each defaults to the other. */
  decidedOn?: BusinessDate;
  effectiveOn?: BusinessDate;
  newEndsOn?: BusinessDate;
  newDiscountRate?: string;
}

/**
 * The experiment's terms changed. What is absent stays as recorded; `decisions`, when given,
 * replaces the recorded list of decisions (an empty list: no decision at all).
 */
export interface Scenario {
  discountRate?: string;
  startsOn?: BusinessDate;
  endsOn?: BusinessDate;
  /** The price list's CSK rate, in place of the one each CSK sale was priced with. */
  cskDiscountRate?: string;
  decisions?: ScenarioDecision[];
}

/** A scenario the rules would not have allowed, or a malformed one: the field and why. */
export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** The day a decision is made on: decisions of the past are never refused as FUTURE_DATE here. */
const NO_CLOCK: BusinessDate = '9999-12-31';

function checkShape(scenario: Scenario): void {
  for (const field of ['startsOn', 'endsOn'] as const) {
    const value = scenario[field];
    if (value !== undefined && !isBusinessDate(value))
      throw new ScenarioError(`scenario.${field}`, `${field} must be a date YYYY-MM-DD`);
  }
  for (const field of ['discountRate', 'cskDiscountRate'] as const) {
    const value = scenario[field];
    if (value !== undefined && !isRate(value))
      throw new ScenarioError(`scenario.${field}`, `${field} must be a rate from 0 to 1`);
  }
  scenario.decisions?.forEach((d, i) => {
    const at = `scenario.decisions.${i}`;
    if (!['extend', 'change', 'terminate'].includes(d.decision))
      throw new ScenarioError(`${at}.decision`, 'decision must be extend, change or terminate');
    if (d.decidedOn === undefined && d.effectiveOn === undefined)
      throw new ScenarioError(`${at}.decidedOn`, 'a decision needs decidedOn or effectiveOn');
    for (const field of ['decidedOn', 'effectiveOn', 'newEndsOn'] as const) {
      const value = d[field];
      if (value !== undefined && !isBusinessDate(value))
        throw new ScenarioError(`${at}.${field}`, `${field} must be a date YYYY-MM-DD`);
    }
    if (d.newDiscountRate !== undefined && !isRate(d.newDiscountRate))
      throw new ScenarioError(
        `${at}.newDiscountRate`,
        'newDiscountRate must be a rate from 0 to 1',
      );
  });
}

/** Runs a decider call, turning what the rules refuse into a ScenarioError on `field`. */
function asScenario<T>(field: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof InvalidCommandError)
      throw new ScenarioError(`${field}.${error.field}`, error.message);
    if (error instanceof DomainError)
      throw new ScenarioError(field, `${error.code}: ${error.message}`);
    throw error;
  }
}

/**
 * The experiments as the scenario has them: the recorded experiment's start replaced by the
 * scenario's terms and its decisions replaced by the scenario's, each passed through the
 * experiments decider, so that a scenario obeys the rules a real decision obeys (an extension ends
 * later than before, no decision takes effect before it is made, none follows a termination).
 * The other experiments stay as recorded.
 */
export function scenarioExperiments(
  recorded: ExperimentsState,
  experimentId: string,
  scenario: Scenario,
): ExperimentsState {
  checkShape(scenario);
  const actual = recorded.experiments.get(experimentId);
  if (!actual) throw new RangeError(`experiment ${experimentId} is not on record`);
  const others = new Map(recorded.experiments);
  others.delete(experimentId);
  let state: ExperimentsState = { experiments: others };
  const start = asScenario('scenario', () =>
    experimentsDecider.decide(
      {
        type: 'StartExperiment',
        today: NO_CLOCK,
        data: {
          experimentId,
          startsOn: scenario.startsOn ?? actual.started.startsOn,
          endsOn: scenario.endsOn ?? actual.started.endsOn,
          discountRate: scenario.discountRate ?? actual.started.discountRate,
        },
      },
      state,
    ),
  );
  state = start.reduce(experimentsDecider.evolve, state);
  const decisions: readonly ScenarioDecision[] = scenario.decisions ?? actual.decisions;
  decisions.forEach((d, i) => {
    const decidedOn = (d.decidedOn ?? d.effectiveOn) as BusinessDate;
    const events = asScenario(`scenario.decisions.${i}`, () =>
      experimentsDecider.decide(
        {
          type: 'DecideExperiment',
          today: NO_CLOCK,
          data: {
            experimentId,
            decision: d.decision,
            decidedOn,
            effectiveOn: d.effectiveOn ?? decidedOn,
            ...(d.newEndsOn !== undefined && { newEndsOn: d.newEndsOn }),
            ...(d.newDiscountRate !== undefined && { newDiscountRate: d.newDiscountRate }),
          },
        },
        state,
      ),
    );
    state = events.reduce(experimentsDecider.evolve, state);
  });
  return state;
}

const decisionKey = (d: ExperimentEnded['data']) => ({
  decision: d.decision,
  decidedOn: d.decidedOn,
  effectiveOn: d.effectiveOn,
  newEndsOn: d.newEndsOn,
  newDiscountRate: d.newDiscountRate === undefined ? undefined : normaliseRate(d.newDiscountRate),
});

/** Whether the scenario's experiment is the recorded one, term for term and decision for decision. */
export function sameExperiment(a: Experiment, b: Experiment): boolean {
  const { experimentId, startsOn, endsOn } = a.started;
  return (
    experimentId === b.started.experimentId &&
    startsOn === b.started.startsOn &&
    endsOn === b.started.endsOn &&
    normaliseRate(a.started.discountRate) === normaliseRate(b.started.discountRate) &&
    isDeepStrictEqual(a.decisions.map(decisionKey), b.decisions.map(decisionKey))
  );
}
