import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Aggregates } from '../runtime/aggregates';
import { withdrawEvaluation } from './evaluation-steps';
import { WithdrawEvaluationCommand } from './withdraw-evaluation.command';

@CommandHandler(WithdrawEvaluationCommand)
export class WithdrawEvaluationHandler implements ICommandHandler<WithdrawEvaluationCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: WithdrawEvaluationCommand) {
    await withdrawEvaluation(this.aggregates, data, meta);
  }
}
