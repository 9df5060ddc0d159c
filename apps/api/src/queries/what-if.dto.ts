import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsRate } from '../routes/field-validators';
import { FileFormatQueryDto } from './file-query.dto';

export class ScenarioDecisionDto {
  @ApiProperty({ enum: ['extend', 'change', 'terminate'] })
  @IsIn(['extend', 'change', 'terminate'])
  decision!: 'extend' | 'change' | 'terminate';

  @IsBusinessDate('The date of the decision; effectiveOn when absent', true)
  @ValidateIf((d: ScenarioDecisionDto) => d.effectiveOn === undefined)
  @IsDefined({ message: 'decidedOn or effectiveOn is required' })
  decidedOn?: string;

  @IsBusinessDate('From which date the decision holds; decidedOn when absent', true)
  effectiveOn?: string;

  @IsBusinessDate('The new last day (required to extend)', true)
  newEndsOn?: string;

  @IsRate('The new discount rate (for a change)', true)
  newDiscountRate?: string;
}

/** The experiment's terms changed; what is absent stays as recorded. */
export class ScenarioDto {
  @IsRate('Discount of non-CSK partners in the scenario', true)
  discountRate?: string;

  @IsBusinessDate('First day of the window in the scenario', true)
  startsOn?: string;

  @IsBusinessDate('Last day of the window the experiment starts with, before decisions', true)
  endsOn?: string;

  @IsRate('The price list’s CSK rate in the scenario, for every CSK sale', true)
  cskDiscountRate?: string;

  @ApiPropertyOptional({
    type: [ScenarioDecisionDto],
    description: 'Replaces the recorded decisions (an empty list: none); recorded ones when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScenarioDecisionDto)
  decisions?: ScenarioDecisionDto[];
}

export class WhatIfDto {
  @ApiProperty({ type: ScenarioDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScenarioDto)
  scenario!: ScenarioDto;

  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'month' })
  @IsOptional()
  @IsIn(['week', 'month'])
  granularity?: 'week' | 'month';
}

/** `format=csv|xlsx` (with `lang` and `dialect`) answers the periods and totals as a file. */
export class WhatIfQueryDto extends FileFormatQueryDto {}
