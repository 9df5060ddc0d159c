import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DecisionRunner } from './decision-runner';
import { CertifyPartnerHandler } from './handlers/certify-partner.handler';
import { ChangeObligationsHandler } from './handlers/change-obligations.handler';
import { ConnectClientHandler } from './handlers/connect-client.handler';
import { ConnectReportingHandler } from './handlers/connect-reporting.handler';
import { DecideExperimentHandler } from './handlers/decide-experiment.handler';
import { EnableServiceHandler } from './handlers/enable-service.handler';
import { GrantAstralCertificationHandler } from './handlers/grant-astral-certification.handler';
import { MigrateClientHandler } from './handlers/migrate-client.handler';
import { PublishPriceListHandler } from './handlers/publish-price-list.handler';
import { RecordPaymentHandler } from './handlers/record-payment.handler';
import { RegisterPartnerHandler } from './handlers/register-partner.handler';
import { RevokeCertificationHandler } from './handlers/revoke-certification.handler';
import { SellSubscriptionHandler } from './handlers/sell-subscription.handler';
import { StartExperimentHandler } from './handlers/start-experiment.handler';

/** The command side: one handler per command on the CQRS command bus. Needs EventStore and Clock. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    DecisionRunner,
    RegisterPartnerHandler,
    CertifyPartnerHandler,
    RevokeCertificationHandler,
    GrantAstralCertificationHandler,
    ChangeObligationsHandler,
    PublishPriceListHandler,
    StartExperimentHandler,
    DecideExperimentHandler,
    ConnectClientHandler,
    ConnectReportingHandler,
    EnableServiceHandler,
    MigrateClientHandler,
    SellSubscriptionHandler,
    RecordPaymentHandler,
  ],
  exports: [CqrsModule],
})
export class CommandsModule {}
