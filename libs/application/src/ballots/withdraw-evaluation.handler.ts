import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ballotDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { ballotContext } from './ballot-context';
import { WithdrawEvaluationCommand } from './withdraw-evaluation.command';

@CommandHandler(WithdrawEvaluationCommand)
export class WithdrawEvaluationHandler implements ICommandHandler<WithdrawEvaluationCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: WithdrawEvaluationCommand) {
    const { campaignId, creditCode } = data;
    await this.aggregates.execute(
      streams.ballot(campaignId, creditCode), ballotDecider, { type: 'WithdrawEvaluation', data },
      () => ballotContext(this.aggregates, campaignId, creditCode), meta,
    );
  }
}
