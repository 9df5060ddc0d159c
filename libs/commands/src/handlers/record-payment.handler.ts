import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { saleDecider } from '@fresh/domain';
import { RecordPaymentCommand } from '../commands';
import { DecisionRunner } from '../decision-runner';
import { saleSource } from '../sources';

@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler implements ICommandHandler<RecordPaymentCommand> {
  constructor(private readonly runner: DecisionRunner) {}

  execute({ data, envelope }: RecordPaymentCommand) {
    return this.runner.run(envelope, {
      commandType: 'RecordPayment',
      businessDate: data.paidOn,
      target: saleSource(data.saleId),
      reads: {},
      decide: (state) =>
        saleDecider.decide(
          { type: 'RecordPayment', data, today: envelope.today },
          state,
          undefined,
        ),
    });
  }
}
