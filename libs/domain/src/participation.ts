import { ExperimentsState, runningExperimentOn } from './experiment/experiments.decider';
import { ExperimentTerms } from './experiment/experiment-terms';
import { isRussianFranchisee, RegisteredPartner, segmentOn } from './partner/partner.decider';
import { BusinessDate } from './shared/business-date';
import { refuse } from './shared/domain-error';

/** On what terms a partner may connect or sell on a date: as CSK, or inside an experiment. */
export type Participation =
  | { readonly segment: 'csk' }
  | { readonly segment: 'non-csk'; readonly experiment: ExperimentTerms };

export function participationOn(
  partner: RegisteredPartner,
  experiments: ExperimentsState,
  date: BusinessDate,
): Participation {
  if (segmentOn(partner, date) === 'csk') return { segment: 'csk' };
  if (!isRussianFranchisee(partner)) {
    refuse(
      'NOT_RUSSIAN_FRANCHISEE',
      `partner ${partner.partnerId} is not CSK and not a Russian franchisee`,
    );
  }
  const experiment = runningExperimentOn(experiments, date);
  if (!experiment) {
    refuse('EXPERIMENT_NOT_ACTIVE', `no experiment admits non-CSK partners on ${date}`);
  }
  return { segment: 'non-csk', experiment };
}
