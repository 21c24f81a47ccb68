import { Command } from '@nestjs/cqrs';
import type { WithdrawEvaluation } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';

export class WithdrawEvaluationCommand extends Command<void> {
  constructor(readonly data: WithdrawEvaluation['data'], readonly meta: CommandMeta) {
    super();
  }
}
