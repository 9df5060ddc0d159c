import { IsBusinessDate, IsEntityId, IsOneOf, IsRate } from './field-validators';

export class StartExperimentDto {
  @IsEntityId('The experiment’s id')
  experimentId!: string;

  @IsBusinessDate('First day of the window (inclusive)')
  startsOn!: string;

  @IsBusinessDate('Last day of the window (inclusive)')
  endsOn!: string;

  @IsRate('Discount of non-CSK partners on ITSaaS positions')
  discountRate!: string;
}

export class DecideExperimentDto {
  @IsOneOf(['extend', 'change', 'terminate'])
  decision!: 'extend' | 'change' | 'terminate';

  @IsBusinessDate('The date of the decision')
  decidedOn!: string;

  @IsBusinessDate('From which date the decision holds; the decision date when absent', true)
  effectiveOn?: string;

  @IsBusinessDate('The new last day (required to extend)', true)
  newEndsOn?: string;

  @IsRate('The new discount rate (for a change)', true)
  newDiscountRate?: string;
}
