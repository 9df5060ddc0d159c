import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partnerDecider } from '@fresh/domain';
import { ChangeObligationsCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { partnerSource } from '../sources';

@CommandHandler(ChangeObligationsCommand)
export class ChangeObligationsHandler implements ICommandHandler<ChangeObligationsCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: ChangeObligationsCommand) {
    return this.runner.run(envelope, {
      commandType: 'ChangeObligations',
      businessDate: data.since,
      target: partnerSource(data.partnerId),
      reads: {},
      decide: (state) =>
        partnerDecider.decide({ type: 'ChangeObligations', data, today: envelope.today }, state),
    });
  }
}
