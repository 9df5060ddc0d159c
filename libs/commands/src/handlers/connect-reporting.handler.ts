import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { clientDecider } from '@fresh/domain';
import { ConnectReportingCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { clientSource, experimentsSource, partnerSource } from '../sources';

@CommandHandler(ConnectReportingCommand)
export class ConnectReportingHandler implements ICommandHandler<ConnectReportingCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: ConnectReportingCommand) {
    return this.runner.run(envelope, {
      commandType: 'ConnectReporting',
      businessDate: data.connectedOn,
      target: clientSource(data.clientId),
      reads: { partner: partnerSource(data.partnerId), experiments: experimentsSource() },
      decide: (state, { partner, experiments }) =>
        clientDecider.decide({ type: 'ConnectReporting', data, today: envelope.today }, state, {
          partner: partner.state,
          experiments: experiments.state,
        }),
    });
  }
}
