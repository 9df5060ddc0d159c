import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Clock, moscowDate } from '@fresh/commands';
import { ConsoleQueries, ReadModelQueries } from '@fresh/read-models';
import { Operation } from '../http/openapi';
import { ProblemException } from '../http/problem';
import { EntityIdPipe } from '../routes/command-gateway';
import { PartnerListQueryDto, PartnerProfileQueryDto } from './browse.dto';
import { EXPERIMENT_LIST, GENERATION_LIST, PARTNER_LIST, PARTNER_PROFILE } from './browse-docs';
import { profileTable } from './exports/profile-tables';
import { fileAnswer, wantsFile } from './exports/send-file';
import { GenerationQueryDto } from './generation-query.dto';
import { moneyAsText } from './money-text';
import { pageOf, searchRows, sortRows } from './ranking-page';
import { requireGeneration } from './require-generation';

/** What the analysts' console browses: partners, a partner on a date, experiments, generations. */
@ApiTags('console')
@Controller('api/v1')
export class BrowseController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly console: ConsoleQueries,
    private readonly clock: Clock,
  ) {}

  @Get('partners')
  @Operation(PARTNER_LIST)
  async partners(@Query() query: PartnerListQueryDto) {
    await requireGeneration(this.queries, query.generation);
    const rows = await this.console.partners(
      { segment: query.segment },
      moscowDate(this.clock.now()),
      query.generation,
    );
    const found = sortRows(searchRows(rows, query.search), query.sort);
    return pageOf(found, query.limit ?? 100, query.cursor);
  }

  @Get('partners/:partnerId/profile')
  @Operation(PARTNER_PROFILE)
  async profile(
    @Param('partnerId', EntityIdPipe) partnerId: string,
    @Query() query: PartnerProfileQueryDto,
  ) {
    await requireGeneration(this.queries, query.generation);
    const today = this.console.dayOf(query.generation, moscowDate(this.clock.now()));
    const asOf = query.asOf ?? today;
    if (asOf > today) {
      throw new ProblemException(
        400,
        'VALIDATION_FAILED',
        `asOf ${asOf} is later than today (${today})`,
        [{ field: 'asOf', message: 'must not be later than today' }],
      );
    }
    const profile = await this.console.profile(partnerId, asOf, query.generation);
    if (!profile) {
      throw new ProblemException(
        404,
        'PARTNER_NOT_FOUND',
        `partner ${partnerId} is not registered`,
      );
    }
    const answer = moneyAsText(profile);
    if (wantsFile(query)) {
      const table = query.table ?? 'months';
      const file = profileTable(answer, table, query.lang ?? 'ru');
      return fileAnswer(query, file, `partner-${partnerId}-${table}-${asOf}`);
    }
    return answer;
  }

  @Get('experiments')
  @Operation(EXPERIMENT_LIST)
  async experiments(@Query() query: GenerationQueryDto) {
    await requireGeneration(this.queries, query.generation);
    return { items: await this.console.experiments(query.generation) };
  }

  @Get('generations')
  @Operation(GENERATION_LIST)
  generations() {
    return this.console.generations();
  }
}
