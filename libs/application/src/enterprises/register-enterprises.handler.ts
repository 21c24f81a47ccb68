import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { registerEnterprise } from './register-enterprise';
import { RegisterEnterprisesCommand } from './register-enterprises.command';

/**
 * Every row decided at once, so their appends are queued in one tick and go in the same group
 * commit (one transaction, one fsync) rather than a commit's round trip per row. A row the domain
 * refuses is answered with its error; a store failure rejects the whole command.
 */
@CommandHandler(RegisterEnterprisesCommand)
export class RegisterEnterprisesHandler implements ICommandHandler<RegisterEnterprisesCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ rows, meta }: RegisterEnterprisesCommand) {
    const outcomes = await Promise.all(rows.map((row) => registerEnterprise(this.aggregates, row, meta).then(
      ({ outcome }) => outcome,
      (error: unknown) => {
        if (error instanceof DomainError) return error;
        throw error;
      },
    )));
    return { outcomes };
  }
}
