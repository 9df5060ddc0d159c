import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { experimentsDecider } from '@fresh/domain';
import { StartExperimentCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { experimentsSource } from '../sources';

@CommandHandler(StartExperimentCommand)
export class StartExperimentHandler implements ICommandHandler<StartExperimentCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: StartExperimentCommand) {
    return this.runner.run(envelope, {
      commandType: 'StartExperiment',
      businessDate: data.startsOn,
      target: experimentsSource(),
      reads: {},
      decide: (state) =>
        experimentsDecider.decide({ type: 'StartExperiment', data, today: envelope.today }, state),
    });
  }
}
