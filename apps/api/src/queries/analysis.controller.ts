import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Clock, moscowDate } from '@fresh/commands';
import { ReadModelQueries } from '@fresh/read-models';
import { Roles } from '../auth/access.decorators';
import { ProblemException } from '../http/problem';
import { EntityIdPipe } from '../routes/command-gateway';
import { moneyAsText } from './money-text';
import { AnalyticsQueryDto, RankingsQueryDto } from './query.dto';

/** Rankings as of any date and experiment analytics: for 1C staff and analysts. */
@ApiTags('analysis')
@ApiBearerAuth()
@Controller('api/v1')
@Roles('vendor', 'analyst')
export class AnalysisController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly clock: Clock,
  ) {}

  @Get('rankings')
  async rankings(@Query() query: RankingsQueryDto) {
    const today = moscowDate(this.clock.now());
    const asOf = query.asOf ?? today;
    if (asOf > today) {
      throw new ProblemException(
        400,
        'VALIDATION_FAILED',
        `asOf ${asOf} is later than today (${today})`,
        [{ field: 'asOf', message: 'must not be later than today' }],
      );
    }
    await this.requireGeneration(query.generation);
    const segment = query.segment ?? 'all';
    const items = await this.queries.rankings(
      { asOf, segment, publishedOnly: query.publishedOnly ?? false },
      query.generation,
    );
    return {
      asOf,
      segment,
      publishedOnly: query.publishedOnly ?? false,
      items: moneyAsText(items),
    };
  }

  @Get('experiments/:experimentId/analytics')
  async analytics(
    @Param('experimentId', EntityIdPipe) experimentId: string,
    @Query() query: AnalyticsQueryDto,
  ) {
    await this.requireGeneration(query.generation);
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
    return moneyAsText(analytics);
  }

  private async requireGeneration(generation: string | undefined): Promise<void> {
    if (generation && !(await this.queries.hasGeneration(generation))) {
      throw new ProblemException(
        404,
        'GENERATION_NOT_FOUND',
        `no read-model generation ${generation}; build it with fresh replay --until`,
      );
    }
  }
}
