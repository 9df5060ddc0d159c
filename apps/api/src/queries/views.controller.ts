import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Clock, moscowDate } from '@fresh/commands';
import { ReadModelQueries } from '@fresh/read-models';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { Operation } from '../http/openapi';
import { ProblemException } from '../http/problem';
import { EntityIdPipe } from '../routes/command-gateway';
import { moneyAsText } from './money-text';
import { GenerationQueryDto } from './query.dto';
import { CLIENT_VIEW, PARTNER_VIEW } from './query-docs';
import { requireGeneration } from './require-generation';

/** What a partner and a client look like now (or in the generation asked for). */
@ApiTags('views')
@Controller('api/v1')
export class ViewsController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly clock: Clock,
  ) {}

  @Get('partners/:partnerId')
  @Operation(PARTNER_VIEW)
  async partner(
    @Param('partnerId', EntityIdPipe) partnerId: string,
    @Query() query: GenerationQueryDto,
  ) {
    await requireGeneration(this.queries, query.generation);
    const view = await this.queries.partner(
      partnerId,
      moscowDate(this.clock.now()),
      query.generation,
    );
    if (!view)
      throw new ProblemException(
        404,
        'PARTNER_NOT_FOUND',
        `partner ${partnerId} is not registered`,
      );
    return moneyAsText(view);
  }

  @Get('clients/:clientId')
  @Operation(CLIENT_VIEW)
  async client(
    @Req() request: AuthenticatedRequest,
    @Param('clientId', EntityIdPipe) clientId: string,
    @Query() query: GenerationQueryDto,
  ) {
    await requireGeneration(this.queries, query.generation);
    const view = await this.queries.client(
      clientId,
      moscowDate(this.clock.now()),
      query.generation,
    );
    if (!view)
      throw new ProblemException(404, 'CLIENT_NOT_FOUND', `client ${clientId} does not exist`);
    const key = request.apiKey;
    if (key.role === 'partner' && key.partnerId !== view.partnerId) {
      throw new ProblemException(
        403,
        'FORBIDDEN_PARTNER',
        `client ${clientId} is not a client of ${key.partnerId}`,
      );
    }
    return moneyAsText(view);
  }
}
