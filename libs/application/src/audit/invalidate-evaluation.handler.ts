import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ballotDecider, streams } from '@survey/domain';
import { ballotContext } from '../ballots/ballot-context';
import { Aggregates } from '../runtime/aggregates';
import { InvalidateEvaluationCommand } from './invalidate-evaluation.command';

@CommandHandler(InvalidateEvaluationCommand)
export class InvalidateEvaluationHandler implements ICommandHandler<InvalidateEvaluationCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: InvalidateEvaluationCommand) {
    const { campaignId, creditCode, agencyId, reason } = data;
    await this.aggregates.execute(
      streams.ballot(campaignId, creditCode), ballotDecider, { type: 'InvalidateEvaluation', data },
      () => ballotContext(this.aggregates, campaignId, creditCode), meta,
    );
    return { campaignId, creditCode, agencyId, reason };
  }
}
