import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ballotDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { ballotContext } from './ballot-context';
import { SubmitEvaluationCommand, SubmitOutcome } from './submit-evaluation.command';

@CommandHandler(SubmitEvaluationCommand)
export class SubmitEvaluationHandler implements ICommandHandler<SubmitEvaluationCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: SubmitEvaluationCommand) {
    const { campaignId, creditCode } = data;
    const { events } = await this.aggregates.execute(
      streams.ballot(campaignId, creditCode), ballotDecider, { type: 'SubmitEvaluation', data },
      () => ballotContext(this.aggregates, campaignId, creditCode), meta,
    );
    const outcome: SubmitOutcome = events.length === 0 ? 'unchanged' : events[0].type === 'EvaluationSubmitted' ? 'submitted' : 'revised';
    return { outcome };
  }
}
