import { ExperimentEnded, ExperimentStarted } from '../events';
import { BusinessDate } from '../shared/business-date';

export interface Experiment {
  readonly started: ExperimentStarted['data'];
  /** Decisions in the order they were recorded. */
  readonly decisions: readonly ExperimentEnded['data'][];
}

export interface ExperimentTerms {
  readonly experimentId: string;
  readonly startsOn: BusinessDate;
  readonly endsOn: BusinessDate;
  readonly discountRate: string;
  /** The first day on which the experiment no longer runs because it was terminated. */
  readonly terminatedFrom?: BusinessDate;
}

/**
 * The terms in force on a business date: the start's terms, changed by every decision that had
 * become effective by that date, in order of effect (same day: order of record).
 */
export function termsOn(experiment: Experiment, date: BusinessDate): ExperimentTerms {
  const { experimentId, startsOn, endsOn, discountRate } = experiment.started;
  const effective = experiment.decisions
    .filter((decision) => decision.effectiveOn <= date)
    .sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
  return effective.reduce<ExperimentTerms>(
    (terms, decision) => {
      switch (decision.decision) {
        case 'extend':
          return { ...terms, endsOn: decision.newEndsOn ?? terms.endsOn };
        case 'change':
          return {
            ...terms,
            endsOn: decision.newEndsOn ?? terms.endsOn,
            discountRate: decision.newDiscountRate ?? terms.discountRate,
          };
        case 'terminate':
          return { ...terms, terminatedFrom: decision.effectiveOn };
      }
    },
    { experimentId, startsOn, endsOn, discountRate },
  );
}

export function isRunningOn(terms: ExperimentTerms, date: BusinessDate): boolean {
  return terms.startsOn <= date && date <= terms.endsOn && terms.terminatedFrom === undefined;
}

/** The end date all recorded decisions lead to, whatever their effective dates. */
export function latestEndsOn(experiment: Experiment): BusinessDate {
  return termsOn(experiment, '9999-12-31').endsOn;
}

export const isTerminated = (experiment: Experiment): boolean =>
  experiment.decisions.some((decision) => decision.decision === 'terminate');
