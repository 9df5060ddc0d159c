import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate } from '../routes/field-validators';
import { FileQueryDto, PageQueryDto } from './file-query.dto';

export class PartnerListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['all', 'csk', 'non-csk'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'csk', 'non-csk'])
  segment?: 'all' | 'csk' | 'non-csk';
}

export class PartnerProfileQueryDto extends FileQueryDto {
  @IsBusinessDate('The business date the partner is shown as of; today when absent', true)
  asOf?: string;

  @ApiPropertyOptional({ enum: ['months', 'clients', 'timeline'], default: 'months' })
  @IsOptional()
  @IsIn(['months', 'clients', 'timeline'])
  table?: 'months' | 'clients' | 'timeline';
}
