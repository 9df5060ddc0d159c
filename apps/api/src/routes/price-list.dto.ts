import { MAX_UNIT_PRICE } from '@fresh/domain';
import {
  IsBusinessDate,
  IsCount,
  IsEntityId,
  IsMoney,
  IsNestedList,
  IsRate,
  IsText,
} from './field-validators';

export class PricePositionDto {
  @IsEntityId('ITSaaS nomenclature code')
  code!: string;

  @IsText({ example: '1С:Бухгалтерия предприятия, 5 мест, 12 месяцев', maxLength: 300 })
  name!: string;

  @IsMoney('Retail price of one unit in roubles', MAX_UNIT_PRICE)
  retailPrice!: string;

  @IsCount({ min: 1, example: 5, optional: true })
  workplaces?: number;

  @IsCount({ min: 1, example: 12, optional: true })
  months?: number;
}

export class PublishPriceListDto {
  @IsBusinessDate('The date from which this list is in force (may lie ahead)')
  effectiveFrom!: string;

  @IsRate('Discount of CSK partners on ITSaaS positions')
  cskDiscountRate!: string;

  @IsNestedList(() => PricePositionDto, { minSize: 1, maxSize: 1000 })
  positions!: PricePositionDto[];
}
