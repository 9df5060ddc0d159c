import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsBusinessDate, ID_PATTERN } from '../routes/field-validators';

const ID_MESSAGE = { message: '$property must be 1-64 letters, digits, "_", ":" or "-"' };

/** Paging of the audit searches: `limit` items, then the answer's `nextCursor`. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the page before' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'cursor must be a nextCursor given by this route' })
  cursor?: string;
}

class PeriodQueryDto extends PageQueryDto {
  @IsBusinessDate('From this business date, inclusive', true)
  from?: string;

  @IsBusinessDate('To this business date, inclusive', true)
  to?: string;
}

export class SalesSearchDto extends PeriodQueryDto {
  @ApiPropertyOptional({ example: 'P-001' })
  @IsOptional()
  @Matches(ID_PATTERN, ID_MESSAGE)
  partnerId?: string;

  @ApiPropertyOptional({ example: 'C-001' })
  @IsOptional()
  @Matches(ID_PATTERN, ID_MESSAGE)
  clientId?: string;

  @ApiPropertyOptional({ enum: ['csk', 'non-csk-experiment'] })
  @IsOptional()
  @IsIn(['csk', 'non-csk-experiment'])
  rule?: string;
}

export class RefusalsSearchDto extends PeriodQueryDto {
  @ApiPropertyOptional({ example: 'P-001' })
  @IsOptional()
  @Matches(ID_PATTERN, ID_MESSAGE)
  partnerId?: string;

  @ApiPropertyOptional({ example: 'EXPERIMENT_NOT_ACTIVE', description: 'A rule code' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, {
    message: 'code must be a rule code, e.g. EXPERIMENT_NOT_ACTIVE',
  })
  code?: string;
}

export class EventsSearchDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'The X-Correlation-Id of the request, or the command id' })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, {
    message: 'correlationId must be 1-200 visible ASCII characters',
  })
  correlationId?: string;

  @ApiPropertyOptional({ example: 'key_0123456789ab' })
  @IsOptional()
  @Matches(/^key_[0-9a-f]{1,64}$/, { message: 'keyId must be a key id, e.g. key_0123456789ab' })
  keyId?: string;

  @ApiPropertyOptional({ example: 'sale-S-001' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_:-]{0,127}$/, {
    message: 'streamId must be a stream id, e.g. sale-S-001',
  })
  streamId?: string;
}
