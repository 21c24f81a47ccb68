import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { agencyDecider, streams } from '@survey/domain';
import { Aggregates } from '../runtime/aggregates';
import { PutAgencyCommand, PutAgencyOutcome } from './put-agency.command';

@CommandHandler(PutAgencyCommand)
export class PutAgencyHandler implements ICommandHandler<PutAgencyCommand> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ agencyId, name, meta }: PutAgencyCommand) {
    const { events, state } = await this.aggregates.execute(
      streams.agency(agencyId), agencyDecider, { type: 'PutDirectoryAgency', data: { agencyId, name } }, () => ({ now: this.aggregates.now() }), meta,
    );
    if (!state.exists) throw new Error('unreachable: agency not registered');
    const outcome: PutAgencyOutcome = events.length === 0 ? 'unchanged' : events[0].type === 'AgencyRegistered' ? 'registered' : 'renamed';
    return { outcome, agency: { agencyId: state.agencyId, name: state.name } };
  }
}
