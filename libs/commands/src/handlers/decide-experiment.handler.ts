import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { experimentsDecider } from '@fresh/domain';
import { DecideExperimentCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { experimentsSource } from '../sources';

@CommandHandler(DecideExperimentCommand)
export class DecideExperimentHandler implements ICommandHandler<DecideExperimentCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: DecideExperimentCommand) {
    return this.runner.run(envelope, {
      commandType: 'DecideExperiment',
      businessDate: data.decidedOn,
      target: experimentsSource(),
      reads: {},
      decide: (state) =>
        experimentsDecider.decide({ type: 'DecideExperiment', data, today: envelope.today }, state),
    });
  }
}
