import { Command } from '@nestjs/cqrs';
import type { DomainError, RegisterEnterprise } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';
import type { RegisterOutcome } from './register-enterprise.command';

/**
 * Many registrations at once (an import's batch of rows): each row decided as
 * RegisterEnterpriseCommand decides it, their appends sharing the event store's group commits.
 * The answer holds each row's outcome, or the DomainError that refused it, in the rows' order.
 */
export class RegisterEnterprisesCommand extends Command<{ outcomes: (RegisterOutcome | DomainError)[] }> {
  constructor(readonly rows: readonly RegisterEnterprise['data'][], readonly meta: CommandMeta) {
    super();
  }
}
