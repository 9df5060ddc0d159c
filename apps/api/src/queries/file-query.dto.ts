import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { GenerationQueryDto } from './generation-query.dto';
import { SORT_PATTERN } from './ranking-page';

/** The answer as a file: `format`, and for files the headers' language and the CSV dialect. */
export class FileFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';

  @ApiPropertyOptional({
    enum: ['rfc4180', 'excel-ru'],
    default: 'rfc4180',
    description:
      'CSV only. `excel-ru`: a UTF-8 BOM, `;` separators, `,` decimal marks and ДД.ММ.ГГГГ dates, ' +
      'which Russian Excel opens as numbers and dates',
  })
  @IsOptional()
  @IsIn(['rfc4180', 'excel-ru'])
  dialect?: 'rfc4180' | 'excel-ru';

  @ApiPropertyOptional({
    enum: ['ru', 'en'],
    default: 'ru',
    description: 'Files only: the language of the column headers',
  })
  @IsOptional()
  @IsIn(['ru', 'en'])
  lang?: 'ru' | 'en';
}

/** A file of a read model, of the live generation or another one. */
export class FileQueryDto extends IntersectionType(GenerationQueryDto, FileFormatQueryDto) {}

/** Paging and search, shared by the ranking and the partner list. */
export class PageQueryDto extends FileQueryDto {
  @ApiPropertyOptional({
    description: 'A page of at most this many rows, with `nextCursor` (JSON only)',
    minimum: 1,
    maximum: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Only partners whose id or name holds this text (case-insensitive)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({
    description:
      'Sort by a column (`-` for descending): rank, partnerId, name, connectedClients, ' +
      'payingClients, itsProfConnections, retail, discount, net; ranks stay the ranking’s',
    example: '-net',
  })
  @IsOptional()
  @Matches(SORT_PATTERN, { message: 'sort must be a column name, optionally after -' })
  sort?: string;
}
