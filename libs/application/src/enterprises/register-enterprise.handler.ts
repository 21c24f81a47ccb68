import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Aggregates } from '../runtime/aggregates';
import { RegisterEnterpriseCommand } from './register-enterprise.command';
import { registerEnterprise } from './register-enterprise';

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseHandler implements ICommandHandler<RegisterEnterpriseCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  execute({ data, meta }: RegisterEnterpriseCommand) {
    return registerEnterprise(this.aggregates, data, meta);
  }
}
