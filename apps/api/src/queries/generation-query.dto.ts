import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

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
