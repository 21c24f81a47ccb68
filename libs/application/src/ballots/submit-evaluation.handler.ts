import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Aggregates } from '../runtime/aggregates';
import { submitEvaluation } from './evaluation-steps';
import { SubmitEvaluationCommand, SubmitOutcome } from './submit-evaluation.command';

@CommandHandler(SubmitEvaluationCommand)
export class SubmitEvaluationHandler implements ICommandHandler<SubmitEvaluationCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: SubmitEvaluationCommand) {
    const { events } = await submitEvaluation(this.aggregates, data, meta);
    const outcome: SubmitOutcome = events.length === 0 ? 'unchanged' : events[0].type === 'EvaluationSubmitted' ? 'submitted' : 'revised';
    return { outcome };
  }
}
