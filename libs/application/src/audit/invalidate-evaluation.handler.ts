import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Aggregates } from '../runtime/aggregates';
import { InvalidateEvaluationCommand } from './invalidate-evaluation.command';
import { invalidateEvaluation } from './invalidation';

@CommandHandler(InvalidateEvaluationCommand)
export class InvalidateEvaluationHandler implements ICommandHandler<InvalidateEvaluationCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: InvalidateEvaluationCommand) {
    const { campaignId, creditCode, agencyId, reason } = data;
    await invalidateEvaluation(this.aggregates, data, meta);
    return { campaignId, creditCode, agencyId, reason };
  }
}
