import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate } from '../routes/field-validators';
import { FileQueryDto, PageQueryDto } from './file-query.dto';
import { GenerationQueryDto } from './generation-query.dto';

export { GenerationQueryDto };

export class RankingsQueryDto extends PageQueryDto {
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

export class AnalyticsQueryDto extends FileQueryDto {
  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], default: 'month' })
  @IsOptional()
  @IsIn(['day', 'week', 'month'])
  granularity?: 'day' | 'week' | 'month';
}
