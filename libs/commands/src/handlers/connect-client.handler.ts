import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { clientDecider } from '@fresh/domain';
import { ConnectClientCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { clientSource, experimentsSource, partnerSource } from '../sources';

@CommandHandler(ConnectClientCommand)
export class ConnectClientHandler implements ICommandHandler<ConnectClientCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: ConnectClientCommand) {
    return this.runner.run(envelope, {
      commandType: 'ConnectClient',
      businessDate: data.connectedOn,
      target: clientSource(data.clientId),
      reads: { partner: partnerSource(data.partnerId), experiments: experimentsSource() },
      decide: (state, { partner, experiments }) =>
        clientDecider.decide({ type: 'ConnectClient', data, today: envelope.today }, state, {
          partner: partner.state,
          experiments: experiments.state,
        }),
    });
  }
}
