import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider } from '@fresh/domain';
import { GrantAstralCertificationCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { partnerSource } from '../sources';

@CommandHandler(GrantAstralCertificationCommand)
export class GrantAstralCertificationHandler implements ICommandHandler<GrantAstralCertificationCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: GrantAstralCertificationCommand) {
    return this.runner.run(envelope, {
      commandType: 'GrantAstralCertification',
      businessDate: data.certifiedOn,
      target: partnerSource(data.partnerId),
      reads: {},
      decide: (state) =>
        partnerDecider.decide(
          { type: 'GrantAstralCertification', data, today: envelope.today },
          state,
        ),
    });
  }
}
