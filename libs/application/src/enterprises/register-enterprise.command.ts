import { Command } from '@nestjs/cqrs';
import type { RegisterEnterprise } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';

export type RegisterOutcome = 'registered' | 'changed' | 'unchanged';

export class RegisterEnterpriseCommand extends Command<{ outcome: RegisterOutcome; enterprise: RegisterEnterprise['data'] }> {
  constructor(readonly data: RegisterEnterprise['data'], readonly meta: CommandMeta) {
    super();
  }
}
