import { Decider } from '../decider';
import { ExperimentEvent } from '../events';
import { assertNotFuture, BusinessDate } from '../shared/business-date';
import { InvalidCommandError, refuse } from '../shared/domain-error';
import { normaliseRate } from '../shared/money';
import { ExperimentCommand } from './experiment.commands';
import {
  Experiment,
  ExperimentTerms,
  isRunningOn,
  isTerminated,
  latestEndsOn,
  termsOn,
} from './experiment-terms';

/** All experiments the vendor runs, in one stream: they are few, and a sale reads them all. */
export interface ExperimentsState {
  readonly experiments: ReadonlyMap<string, Experiment>;
}

/**
 * The experiment a non-CSK partner sells under on a date. Should two ever overlap, the one that
 * started last governs (ties: the greater id), so the choice never depends on record order.
 */
export function runningExperimentOn(
  state: ExperimentsState,
  date: BusinessDate,
): ExperimentTerms | undefined {
  let chosen: ExperimentTerms | undefined;
  for (const experiment of state.experiments.values()) {
    const terms = termsOn(experiment, date);
    if (!isRunningOn(terms, date)) continue;
    if (
      !chosen ||
      terms.startsOn > chosen.startsOn ||
      (terms.startsOn === chosen.startsOn && terms.experimentId > chosen.experimentId)
    ) {
      chosen = terms;
    }
  }
  return chosen;
}

export const experimentsDecider: Decider<ExperimentCommand, ExperimentsState, ExperimentEvent> = {
  initialState: () => ({ experiments: new Map() }),

  evolve(state, event) {
    const experiments = new Map(state.experiments);
    const id = event.data.experimentId;
    switch (event.type) {
      case 'ExperimentStarted':
        experiments.set(id, { started: event.data, decisions: [] });
        break;
      case 'ExperimentEnded': {
        const experiment = experiments.get(id);
        if (experiment)
          experiments.set(id, { ...experiment, decisions: [...experiment.decisions, event.data] });
        break;
      }
    }
    return { experiments };
  },

  decide(command, state) {
    const { experimentId } = command.data;
    const experiment = state.experiments.get(experimentId);
    if (command.type === 'StartExperiment') {
      if (experiment) refuse('ALREADY_EXISTS', `experiment ${experimentId} already exists`);
      const { startsOn, endsOn, discountRate } = command.data;
      if (endsOn < startsOn) throw new InvalidCommandError('endsOn', 'must not be before startsOn');
      return [
        {
          type: 'ExperimentStarted',
          data: { experimentId, startsOn, endsOn, discountRate: normaliseRate(discountRate) },
        },
      ];
    }
    if (!experiment) refuse('EXPERIMENT_NOT_FOUND', `experiment ${experimentId} does not exist`);
    const { decision, decidedOn, newEndsOn, newDiscountRate } = command.data;
    assertNotFuture('decidedOn', decidedOn, command.today);
    if (isTerminated(experiment)) {
      refuse(
        'EXPERIMENT_NOT_ACTIVE',
        `experiment ${experimentId} was terminated; no decision may follow`,
      );
    }
    const effectiveOn = command.data.effectiveOn ?? decidedOn;
    // A decision looks forward: taking effect earlier would undo discounts already granted.
    if (effectiveOn < decidedOn) {
      refuse(
        'RETROACTIVE_DECISION',
        `a decision of ${decidedOn} may not take effect on the earlier date ${effectiveOn}`,
      );
    }
    switch (decision) {
      case 'extend':
        if (!newEndsOn) throw new InvalidCommandError('newEndsOn', 'is required to extend');
        if (newEndsOn <= latestEndsOn(experiment)) {
          throw new InvalidCommandError(
            'newEndsOn',
            `must be after the current end ${latestEndsOn(experiment)}`,
          );
        }
        return [
          {
            type: 'ExperimentEnded',
            data: { experimentId, decision, decidedOn, effectiveOn, newEndsOn },
          },
        ];
      case 'change':
        if (!newDiscountRate && !newEndsOn) {
          throw new InvalidCommandError(
            'newDiscountRate',
            'a change needs newDiscountRate or newEndsOn',
          );
        }
        if (newEndsOn && newEndsOn < experiment.started.startsOn) {
          throw new InvalidCommandError('newEndsOn', 'must not be before the experiment starts');
        }
        return [
          {
            type: 'ExperimentEnded',
            data: {
              experimentId,
              decision,
              decidedOn,
              effectiveOn,
              ...(newEndsOn && { newEndsOn }),
              ...(newDiscountRate && { newDiscountRate: normaliseRate(newDiscountRate) }),
            },
          },
        ];
      case 'terminate':
        return [
          { type: 'ExperimentEnded', data: { experimentId, decision, decidedOn, effectiveOn } },
        ];
    }
  },
};
