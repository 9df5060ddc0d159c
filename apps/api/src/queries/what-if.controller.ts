import { Body, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@fresh/event-store';
import {
  catchUp,
  evaluateScenario,
  presentWhatIf,
  ScenarioError,
  UnknownExperimentError,
  WhatIfRecord,
  yieldToEventLoop,
} from '@fresh/what-if';
import { Operation } from '../http/openapi';
import { ProblemException } from '../http/problem';
import { EntityIdPipe } from '../routes/command-gateway';
import { fileAnswer, wantsFile } from './exports/send-file';
import { whatIfTable } from './exports/what-if-tables';
import { WHAT_IF } from './query-docs';
import { WhatIfDto, WhatIfQueryDto } from './what-if.dto';

/**
 * What-if scenarios: questions asked of the log, never decisions (nothing is recorded). The part of
 * the log a scenario needs is kept in memory and brought up to the head before each scenario (the
 * first reads the whole log, later ones only what was appended since). Reading and evaluating
 * yield to the event loop every page and every few thousand sales, and one scenario runs at a
 * time, so that the other requests keep being answered meanwhile.
 */
@ApiTags('analysis')
@Controller('api/v1/experiments')
export class WhatIfController {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly record = new WhatIfRecord();

  constructor(private readonly events: EventStore) {}

  @Post(':experimentId/what-if')
  @HttpCode(200)
  @Operation(WHAT_IF)
  async whatIf(
    @Param('experimentId', EntityIdPipe) experimentId: string,
    @Query() query: WhatIfQueryDto,
    @Body() body: WhatIfDto,
  ) {
    const run = async () => {
      await catchUp(this.events, this.record);
      return evaluateScenario(this.record, experimentId, body.scenario, {
        granularity: body.granularity ?? 'month',
        pause: yieldToEventLoop,
      });
    };
    const turn = this.queue.then(run, run);
    this.queue = turn.catch(() => undefined);
    try {
      const result = await turn;
      if (wantsFile(query))
        return fileAnswer(
          query,
          whatIfTable(result, query.lang ?? 'ru'),
          `what-if-${experimentId}-${result.granularity}`,
        );
      return presentWhatIf(result);
    } catch (error) {
      if (error instanceof UnknownExperimentError)
        throw new ProblemException(404, 'EXPERIMENT_NOT_FOUND', error.message);
      if (error instanceof ScenarioError)
        throw new ProblemException(400, 'VALIDATION_FAILED', error.message, [
          { field: error.field, message: error.message },
        ]);
      throw error;
    }
  }
}
