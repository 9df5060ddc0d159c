import {
  Body,
  Controller,
  HttpCode,
  Inject,
  OnApplicationShutdown,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@fresh/event-store';
import {
  presentWhatIf,
  ScenarioError,
  UnknownExperimentError,
  WhatIfAsker,
  whatIfAsker,
  whatIfTable,
} from '@fresh/what-if';
import { DATA_FILES } from '@fresh/stores';
import { join } from 'node:path';
import { AppConfig } from '../config';
import { Operation } from '../http/openapi';
import { ProblemException } from '../http/problem';
import { APP_CONFIG } from '../infrastructure/storage.module';
import { ServiceMetrics } from '../metrics/service-metrics';
import { EntityIdPipe } from '../routes/command-gateway';
import { fileAnswer, wantsFile } from './exports/send-file';

import { WHAT_IF } from './query-docs';
import { WhatIfDto, WhatIfQueryDto } from './what-if.dto';

/**
 * What-if scenarios: questions asked of the log, never decisions (nothing is recorded). On the
 * SQLite log a worker thread reads the log file and keeps the part a scenario needs, so that its
 * reading, evaluating and garbage collection never hold up the other requests; on EventStoreDB
 * this thread does, yielding to the event loop between pages and slices of sales.
 */
@ApiTags('analysis')
@Controller('api/v1/experiments')
export class WhatIfController implements OnApplicationShutdown {
  private readonly asker: WhatIfAsker;

  constructor(
    events: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: ServiceMetrics,
  ) {
    const { eventStore, dataDir } = config.stores;
    this.asker = whatIfAsker(
      events,
      eventStore.kind === 'sqlite' ? join(dataDir, DATA_FILES.events) : undefined,
    );
  }

  @Post(':experimentId/what-if')
  @HttpCode(200)
  @Operation(WHAT_IF)
  async whatIf(
    @Param('experimentId', EntityIdPipe) experimentId: string,
    @Query() query: WhatIfQueryDto,
    @Body() body: WhatIfDto,
  ) {
    const { whatIfRunning, whatIfProgress, whatIfScenarios } = this.metrics;
    whatIfRunning.inc();
    whatIfProgress.set(0);
    try {
      const result = await this.asker.ask(
        experimentId,
        body.scenario,
        body.granularity ?? 'month',
        (share) => whatIfProgress.set(share),
      );
      whatIfProgress.set(1);
      whatIfScenarios.inc({ outcome: 'answered' });
      if (wantsFile(query))
        return await fileAnswer(
          query,
          whatIfTable(result, query.lang ?? 'ru'),
          `what-if-${experimentId}-${result.granularity}`,
        );
      return presentWhatIf(result);
    } catch (error) {
      const known = error instanceof UnknownExperimentError || error instanceof ScenarioError;
      if (known) whatIfProgress.set(1); // the log was read; the scenario was refused
      whatIfScenarios.inc({ outcome: known ? 'refused' : 'failed' });
      if (error instanceof UnknownExperimentError)
        throw new ProblemException(404, 'EXPERIMENT_NOT_FOUND', error.message);
      if (error instanceof ScenarioError)
        throw new ProblemException(400, 'VALIDATION_FAILED', error.message, [
          { field: error.field, message: error.message },
        ]);
      throw error;
    } finally {
      whatIfRunning.dec();
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.asker.close();
  }
}
