import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { clientDecider } from '@fresh/domain';
import { MigrateClientCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { clientSource, experimentsSource, partnerSource } from '../sources';

@CommandHandler(MigrateClientCommand)
export class MigrateClientHandler implements ICommandHandler<MigrateClientCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: MigrateClientCommand) {
    return this.runner.run(envelope, {
      commandType: 'MigrateClient',
      businessDate: data.migratedOn,
      target: clientSource(data.clientId),
      reads: { partner: partnerSource(data.partnerId), experiments: experimentsSource() },
      decide: (state, { partner, experiments }) =>
        clientDecider.decide({ type: 'MigrateClient', data, today: envelope.today }, state, {
          partner: partner.state,
          experiments: experiments.state,
        }),
    });
  }
}
