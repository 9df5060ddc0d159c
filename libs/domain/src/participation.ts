import { ExperimentsState, runningExperimentOn } from './experiment/experiments.decider';
import { ExperimentTerms } from './experiment/experiment-terms';
import { isRussianFranchisee, RegisteredPartner, segmentOn } from './partner/partner.decider';
import { BusinessDate } from './shared/business-date';
import { refuse } from './shared/domain-error';

/** On what terms a partner may connect or sell on a date: as CSK, or inside an experiment. */
export type Participation =
  | { readonly segment: 'csk' }
  | { readonly segment: 'non-csk'; readonly experiment: ExperimentTerms };

/**
 * On what terms a partner sells on a date: as CSK, or under the experiment running then — none for
 * a non-CSK partner outside every window, whom the discount policy then refuses (with the facts it
 * was given, so that the refusal can be decided again). A partner that is neither CSK nor a Russian
 * franchisee is refused here.
 */
export function sellingTermsOn(
  partner: RegisteredPartner,
  experiments: ExperimentsState,
  date: BusinessDate,
):
  | { readonly segment: 'csk' }
  | { readonly segment: 'non-csk'; readonly experiment?: ExperimentTerms } {
  if (segmentOn(partner, date) === 'csk') return { segment: 'csk' };
  if (!isRussianFranchisee(partner)) {
    refuse(
      'NOT_RUSSIAN_FRANCHISEE',
      `partner ${partner.partnerId} is not CSK and not a Russian franchisee`,
    );
  }
  return { segment: 'non-csk', experiment: runningExperimentOn(experiments, date) };
}

export const notActiveMessage = (date: BusinessDate) =>
  `no experiment admits non-CSK partners on ${date}`;

export function participationOn(
  partner: RegisteredPartner,
  experiments: ExperimentsState,
  date: BusinessDate,
): Participation {
  const terms = sellingTermsOn(partner, experiments, date);
  if (terms.segment === 'csk') return terms;
  if (!terms.experiment) refuse('EXPERIMENT_NOT_ACTIVE', notActiveMessage(date));
  return { segment: 'non-csk', experiment: terms.experiment };
}
