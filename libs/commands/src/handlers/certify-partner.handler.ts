import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider } from '@fresh/domain';
import { CertifyPartnerCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { partnerSource } from '../sources';

@CommandHandler(CertifyPartnerCommand)
export class CertifyPartnerHandler implements ICommandHandler<CertifyPartnerCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: CertifyPartnerCommand) {
    return this.runner.run(envelope, {
      commandType: 'CertifyPartner',
      businessDate: data.certifiedOn,
      target: partnerSource(data.partnerId),
      reads: {},
      decide: (state) =>
        partnerDecider.decide({ type: 'CertifyPartner', data, today: envelope.today }, state),
    });
  }
}
