import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CommandsModule } from '@fresh/commands';
import { Stores } from '@fresh/stores';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AppConfig } from './config';
import { ConsoleModule } from './console/console.module';
import { HealthController } from './health.controller';
import { FollowerMetrics } from './metrics/follower-metrics';
import { MetricsModule } from './metrics/metrics.module';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemFilter } from './http/problem.filter';
import { BodyNestingGuard } from './http/validation';
import { AuditIndexService } from './infrastructure/audit-index.service';
import { NotaryService } from './infrastructure/notary.service';
import { ProjectorService } from './infrastructure/projector.service';
import { PrivacyController } from './privacy/privacy.controller';
import { StorageModule } from './infrastructure/storage.module';
import { AnalysisController } from './queries/analysis.controller';
import { AuditController } from './queries/audit.controller';
import { FindingController } from './queries/finding.controller';
import { NotaryController } from './queries/notary.controller';
import { VerifyProgressController } from './queries/verify-progress.controller';
import { VerifyRunner } from './infrastructure/verify-runner';
import { ViewsController } from './queries/views.controller';
import { WhatIfController } from './queries/what-if.controller';
import { ClientsController } from './routes/clients.controller';
import { CommandGateway } from './routes/command-gateway';
import { RefusalJournal } from './routes/refusal-journal';
import { ExperimentsController } from './routes/experiments.controller';
import { PartnersController } from './routes/partners.controller';
import { PriceListController } from './routes/price-list.controller';
import { SalesController } from './routes/sales.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, stores: Stores): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MetricsModule.forRoot(config),
        StorageModule.forRoot(config, stores),
        CommandsModule,
        ConsoleModule,
      ],
      controllers: [
        HealthController,
        PartnersController,
        PriceListController,
        ExperimentsController,
        ClientsController,
        SalesController,
        ViewsController,
        AnalysisController,
        AuditController,
        PrivacyController,
        WhatIfController,
        NotaryController,
        FindingController,
        VerifyProgressController,
      ],
      providers: [
        CommandGateway,
        RefusalJournal,
        ProjectorService,
        NotaryService,
        AuditIndexService,
        FollowerMetrics,
        VerifyRunner,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: BodyNestingGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
