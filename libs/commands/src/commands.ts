import { Command } from '@nestjs/cqrs';
import {
  ChangeObligations,
  CertifyPartner,
  ConnectClient,
  ConnectReporting,
  DecideExperiment,
  EnableService,
  GrantAstralCertification,
  MigrateClient,
  PublishPriceList,
  RecordPayment,
  RegisterPartner,
  RevokeCertification,
  SellSubscription,
  StartExperiment,
} from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { CommandEnvelope } from './command-envelope';

/** A command on the bus: its fields, as the domain defines them, and its envelope. */
abstract class FreshCommand<Data> extends Command<RecordedEvent[]> {
  constructor(
    readonly data: Data,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

export class RegisterPartnerCommand extends FreshCommand<RegisterPartner['data']> {}
export class CertifyPartnerCommand extends FreshCommand<CertifyPartner['data']> {}
export class RevokeCertificationCommand extends FreshCommand<RevokeCertification['data']> {}
export class GrantAstralCertificationCommand extends FreshCommand<
  GrantAstralCertification['data']
> {}
export class ChangeObligationsCommand extends FreshCommand<ChangeObligations['data']> {}
export class PublishPriceListCommand extends FreshCommand<PublishPriceList['data']> {}
export class StartExperimentCommand extends FreshCommand<StartExperiment['data']> {}
export class DecideExperimentCommand extends FreshCommand<DecideExperiment['data']> {}
export class ConnectClientCommand extends FreshCommand<ConnectClient['data']> {}
export class ConnectReportingCommand extends FreshCommand<ConnectReporting['data']> {}
export class EnableServiceCommand extends FreshCommand<EnableService['data']> {}
export class MigrateClientCommand extends FreshCommand<MigrateClient['data']> {}
export class SellSubscriptionCommand extends FreshCommand<SellSubscription['data']> {}
export class RecordPaymentCommand extends FreshCommand<RecordPayment['data']> {}
