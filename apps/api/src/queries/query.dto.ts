import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { IsBusinessDate } from '../routes/field-validators';

const GENERATION = /^(g[a-z0-9]+|asof-\d{4}-\d{2}-\d{2})$/;

export class GenerationQueryDto {
  @ApiPropertyOptional({
    description:
      'Read another generation of the read models, e.g. asof-2015-05-31 built by `fresh replay --until`',
    example: 'asof-2015-05-31',
  })
  @IsOptional()
  @Matches(GENERATION, { message: 'generation must look like asof-YYYY-MM-DD or g…' })
  generation?: string;
}

export class RankingsQueryDto extends GenerationQueryDto {
  @IsBusinessDate('The business date to rank as of; today when absent', true)
  asOf?: string;

  @ApiPropertyOptional({ enum: ['all', 'csk', 'non-csk'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'csk', 'non-csk'])
  segment?: 'all' | 'csk' | 'non-csk';

  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'publishedOnly must be true or false' })
  publishedOnly?: boolean;
}

export class AnalyticsQueryDto extends GenerationQueryDto {
  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], default: 'month' })
  @IsOptional()
  @IsIn(['day', 'week', 'month'])
  granularity?: 'day' | 'week' | 'month';
}
