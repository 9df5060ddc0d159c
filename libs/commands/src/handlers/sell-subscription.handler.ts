import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { saleDecider } from '@fresh/domain';
import { SellSubscriptionCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import {
  clientSource,
  experimentsSource,
  partnerSource,
  priceListSource,
  saleSource,
} from '../sources';

/** A sale reads the partner, the client, the experiments and the price list, and records their revisions. */
@CommandHandler(SellSubscriptionCommand)
export class SellSubscriptionHandler implements ICommandHandler<SellSubscriptionCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: SellSubscriptionCommand) {
    return this.runner.run(envelope, {
      commandType: 'SellSubscription',
      businessDate: data.soldOn,
      target: saleSource(data.saleId),
      reads: {
        partner: partnerSource(data.partnerId),
        client: clientSource(data.clientId),
        experiments: experimentsSource(),
        priceList: priceListSource(),
      },
      decide: (state, context) =>
        saleDecider.decide(
          { type: 'SellSubscription', data, today: envelope.today },
          state,
          context,
        ),
    });
  }
}
