import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { clientDecider } from '@fresh/domain';
import { EnableServiceCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { clientSource, experimentsSource, partnerSource } from '../sources';

@CommandHandler(EnableServiceCommand)
export class EnableServiceHandler implements ICommandHandler<EnableServiceCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: EnableServiceCommand) {
    return this.runner.run(envelope, {
      commandType: 'EnableService',
      businessDate: data.enabledOn,
      target: clientSource(data.clientId),
      reads: { partner: partnerSource(data.partnerId), experiments: experimentsSource() },
      decide: (state, { partner, experiments }) =>
        clientDecider.decide({ type: 'EnableService', data, today: envelope.today }, state, {
          partner: partner.state,
          experiments: experiments.state,
        }),
    });
  }
}
