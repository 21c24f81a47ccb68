import { Command } from '@nestjs/cqrs';
import type { InvalidateEvaluation } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';

export interface InvalidationResult {
  campaignId: string;
  creditCode: string;
  agencyId: string;
  reason: string;
}

export class InvalidateEvaluationCommand extends Command<InvalidationResult> {
  constructor(readonly data: InvalidateEvaluation['data'], readonly meta: CommandMeta) {
    super();
  }
}
