import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider } from '@fresh/domain';
import { RegisterPartnerCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { partnerSource } from '../sources';

@CommandHandler(RegisterPartnerCommand)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: RegisterPartnerCommand) {
    return this.runner.run(envelope, {
      commandType: 'RegisterPartner',
      businessDate: envelope.today,
      target: partnerSource(data.partnerId),
      reads: {},
      decide: (state) =>
        partnerDecider.decide({ type: 'RegisterPartner', data, today: envelope.today }, state),
    });
  }
}
