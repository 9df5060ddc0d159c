import { Dated } from '../decider';
import { ExperimentDecision } from '../events';
import { BusinessDate } from '../shared/business-date';

export interface StartExperiment extends Dated {
  type: 'StartExperiment';
  data: {
    experimentId: string;
    startsOn: BusinessDate;
    endsOn: BusinessDate;
    discountRate: string;
  };
}
export interface DecideExperiment extends Dated {
  type: 'DecideExperiment';
  data: {
    experimentId: string;
    decision: ExperimentDecision;
    decidedOn: BusinessDate;
    effectiveOn?: BusinessDate;
    newEndsOn?: BusinessDate;
    newDiscountRate?: string;
  };
}
export type ExperimentCommand = StartExperiment | DecideExperiment;
