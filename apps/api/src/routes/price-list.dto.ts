import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsEntityId, IsMoney, IsRate } from './field-validators';

export class PricePositionDto {
  @IsEntityId('ITSaaS nomenclature code')
  code!: string;

  @ApiProperty({ example: '1С:Бухгалтерия предприятия, 5 мест, 12 месяцев' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @IsMoney('Retail price in roubles', { positive: true })
  retailPrice!: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  workplaces?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  months?: number;
}

export class PublishPriceListDto {
  @IsBusinessDate('The date from which this list is in force (may lie ahead)')
  effectiveFrom!: string;

  @IsRate('Discount of CSK partners on ITSaaS positions')
  cskDiscountRate!: string;

  @ApiProperty({ type: [PricePositionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => PricePositionDto)
  positions!: PricePositionDto[];
}
