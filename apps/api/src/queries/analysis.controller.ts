import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Clock, moscowDate } from '@fresh/commands';
import { AS_OF_PREFIX, ReadModelQueries } from '@fresh/read-models';
import { Operation } from '../http/openapi';
import { ProblemException } from '../http/problem';
import { EntityIdPipe } from '../routes/command-gateway';
import {
  AnalyticsAnswer,
  analyticsTable,
  rankingTable,
  RankingRow,
} from './exports/analysis-tables';
import { fileAnswer, wantsFile } from './exports/send-file';
import { moneyAsText } from './money-text';
import { decodeCursor, encodeCursor, pageOf, searchRows, sortRows } from './ranking-page';
import { AnalyticsQueryDto, RankingsQueryDto } from './query.dto';
import { ANALYTICS, RANKINGS } from './query-docs';
import { requireGeneration } from './require-generation';

/** Rankings as of any date and experiment analytics: for 1C staff and analysts. */
@ApiTags('analysis')
@Controller('api/v1')
export class AnalysisController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly clock: Clock,
  ) {}

  @Get('rankings')
  @Operation(RANKINGS)
  async rankings(@Query() query: RankingsQueryDto) {
    const today = moscowDate(this.clock.now());
    // The world as of a date answers as of that date unless asked otherwise.
    const asOf =
      query.asOf ??
      (query.generation?.startsWith(AS_OF_PREFIX)
        ? query.generation.slice(AS_OF_PREFIX.length)
        : today);
    if (asOf > today) {
      throw new ProblemException(
        400,
        'VALIDATION_FAILED',
        `asOf ${asOf} is later than today (${today})`,
        [{ field: 'asOf', message: 'must not be later than today' }],
      );
    }
    await requireGeneration(this.queries, query.generation);
    const ranking = {
      asOf,
      segment: query.segment ?? 'all',
      publishedOnly: query.publishedOnly ?? false,
    };
    // A page in the ranking's own order: the store answers that page alone (and the count).
    const inRankOrder = !query.search?.trim() && (!query.sort || query.sort === 'rank');
    if (query.limit !== undefined && inRankOrder && !wantsFile(query)) {
      const offset = decodeCursor(query.cursor);
      const { items, total } = await this.queries.rankingSlice(
        ranking,
        { offset, limit: query.limit },
        query.generation,
      );
      const next = offset + query.limit < total ? encodeCursor(offset + query.limit) : null;
      return { ...ranking, items: moneyAsText(items), nextCursor: next, total };
    }
    const ranked = await this.queries.rankings(ranking, query.generation);
    const rows = sortRows(searchRows(ranked, query.search), query.sort);
    if (wantsFile(query)) {
      const table = rankingTable(asOf, moneyAsText(rows) as unknown as RankingRow[]);
      return fileAnswer(query, table, `rankings-${asOf}`);
    }
    // Without `limit` the whole ranking, as it always was; with it a page and the next cursor.
    if (query.limit === undefined) return { ...ranking, items: moneyAsText(rows) };
    const page = pageOf(rows, query.limit, query.cursor);
    return { ...ranking, ...page, items: moneyAsText(page.items) };
  }

  @Get('experiments/:experimentId/analytics')
  @Operation(ANALYTICS)
  async analytics(
    @Param('experimentId', EntityIdPipe) experimentId: string,
    @Query() query: AnalyticsQueryDto,
  ) {
    await requireGeneration(this.queries, query.generation);
    const analytics = await this.queries.analytics(
      experimentId,
      query.granularity ?? 'month',
      query.generation,
    );
    if (!analytics)
      throw new ProblemException(
        404,
        'EXPERIMENT_NOT_FOUND',
        `experiment ${experimentId} does not exist`,
      );
    const answer = moneyAsText(analytics);
    if (wantsFile(query)) {
      const table = analyticsTable(answer as unknown as AnalyticsAnswer, query.lang ?? 'ru');
      return fileAnswer(query, table, `analytics-${experimentId}-${answer.granularity}`);
    }
    return answer;
  }
}
