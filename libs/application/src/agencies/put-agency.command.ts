import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../runtime/command-meta';

export type PutAgencyOutcome = 'registered' | 'renamed' | 'unchanged';
export interface PutAgencyResult {
  outcome: PutAgencyOutcome;
  agency: { agencyId: string; name: string };
}

/** An admin's PUT /v1/agencies/{agencyId}: registers the agency in the directory, renames it, or changes nothing. */
export class PutAgencyCommand extends Command<PutAgencyResult> {
  constructor(readonly agencyId: string, readonly name: string, readonly meta: CommandMeta) {
    super();
  }
}
