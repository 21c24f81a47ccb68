import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { enterpriseDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { RegisterEnterpriseCommand, RegisterOutcome } from './register-enterprise.command';

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseHandler implements ICommandHandler<RegisterEnterpriseCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ data, meta }: RegisterEnterpriseCommand) {
    const { events, state } = await this.aggregates.execute(
      streams.enterprise(data.creditCode), enterpriseDecider, { type: 'RegisterEnterprise', data }, () => ({}), meta,
    );
    const outcome: RegisterOutcome = events.length === 0 ? 'unchanged' : events[0].type === 'EnterpriseRegistered' ? 'registered' : 'changed';
    if (!state.registered) throw new Error('unreachable: enterprise not registered');
    return { outcome, enterprise: { creditCode: state.creditCode, ...state.profile } };
  }
}
