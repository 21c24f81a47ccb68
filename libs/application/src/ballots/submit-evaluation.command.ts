import { Command } from '@nestjs/cqrs';
import type { SubmitEvaluation } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';

export type SubmitOutcome = 'submitted' | 'revised' | 'unchanged';

export class SubmitEvaluationCommand extends Command<{ outcome: SubmitOutcome }> {
  constructor(readonly data: SubmitEvaluation['data'], readonly meta: CommandMeta) {
    super();
  }
}
