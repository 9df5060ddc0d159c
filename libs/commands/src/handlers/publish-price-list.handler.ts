import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { priceListDecider } from '@fresh/domain';
import { PublishPriceListCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { priceListSource } from '../sources';

@CommandHandler(PublishPriceListCommand)
export class PublishPriceListHandler implements ICommandHandler<PublishPriceListCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: PublishPriceListCommand) {
    return this.runner.run(envelope, {
      commandType: 'PublishPriceList',
      businessDate: data.effectiveFrom,
      target: priceListSource(),
      reads: {},
      decide: (state) =>
        priceListDecider.decide({ type: 'PublishPriceList', data, today: envelope.today }, state),
    });
  }
}
