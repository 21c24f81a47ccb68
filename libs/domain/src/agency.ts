/**
 * The city's agency directory (stream `agency-{agencyId}`): agencies registered by an admin, and
 * every agency of any campaign (the application registers those it does not know yet). Requests
 * are dispatched only to an agency the directory knows. Renaming to the same name changes nothing.
 */
import { AGENCY_ID_PATTERN, MAX_AGENCY_NAME_CHARACTERS } from './campaign-changes';
import { assertNever, Decider } from './decider';
import { FieldError, NotFound } from './errors';
import { check, requiredText } from './text';
import type { AgencyEvent } from './events';

/** Registers an unknown agency; a known one is left as it is (so registering a campaign's agencies is idempotent). */
export type RegisterAgency = { type: 'RegisterAgency'; data: { agencyId: string; name: string } };
export type RenameAgency = { type: 'RenameAgency'; data: { agencyId: string; name: string } };
/** An admin's PUT: registers, renames, or changes nothing. */
export type PutDirectoryAgency = { type: 'PutDirectoryAgency'; data: { agencyId: string; name: string } };
export type AgencyCommand = RegisterAgency | RenameAgency | PutDirectoryAgency;

export type AgencyState = { exists: false } | { exists: true; agencyId: string; name: string };

export const agencyDecider: Decider<AgencyCommand, AgencyEvent, AgencyState, { now: Date }> = {
  initialState: () => ({ exists: false }),

  evolve(_state, event) {
    switch (event.type) {
      case 'AgencyRegistered':
      case 'AgencyRenamed':
        return { exists: true, agencyId: event.data.agencyId, name: event.data.name };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { now }) {
    const { agencyId } = command.data;
    // An admin names a new agency as a campaign's agencies are named; a campaign's own ids are taken as they are.
    const name = validName(command.data.name, command.type === 'PutDirectoryAgency' ? agencyId : undefined);
    const at = now.toISOString();
    switch (command.type) {
      case 'RegisterAgency':
        return state.exists ? [] : [{ type: 'AgencyRegistered', data: { agencyId, name, at } }];
      case 'RenameAgency':
        if (!state.exists) throw new NotFound(`agency ${agencyId} not found`);
        return renamed(state, name, at);
      case 'PutDirectoryAgency':
        return state.exists ? renamed(state, name, at) : [{ type: 'AgencyRegistered', data: { agencyId, name, at } }];
      default:
        return assertNever(command);
    }
  },
};

function renamed(state: AgencyState & { exists: true }, name: string, at: string): AgencyEvent[] {
  if (state.name === name) return [];
  return [{ type: 'AgencyRenamed', data: { agencyId: state.agencyId, name, previousName: state.name, at } }];
}

function validName(value: string, agencyId?: string): string {
  const problems: FieldError[] = [];
  if (agencyId !== undefined && !AGENCY_ID_PATTERN.test(agencyId)) {
    problems.push({ field: 'agencyId', message: 'must be lower-case letters, digits and hyphens (at most 63)' });
  }
  const name = requiredText('name', value, MAX_AGENCY_NAME_CHARACTERS, problems);
  check('invalid agency', problems);
  return name;
}
