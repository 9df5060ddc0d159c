import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider } from '@fresh/domain';
import { RevokeCertificationCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { partnerSource } from '../sources';

@CommandHandler(RevokeCertificationCommand)
export class RevokeCertificationHandler implements ICommandHandler<RevokeCertificationCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: RevokeCertificationCommand) {
    return this.runner.run(envelope, {
      commandType: 'RevokeCertification',
      businessDate: data.revokedOn,
      target: partnerSource(data.partnerId),
      reads: {},
      decide: (state) =>
        partnerDecider.decide({ type: 'RevokeCertification', data, today: envelope.today }, state),
    });
  }
}
