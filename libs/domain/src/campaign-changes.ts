/**
 * Changes to a campaign while it is scheduled or open: a later closing, an agency added, an agency
 * renamed. Each is one event on the campaign stream, so reports, ballots and the audit trail see it.
 * Agency ids never change once given: ballots and counters are keyed by them.
 */
import { campaignPhase, CampaignState } from './campaign-state';
import { Conflict, FieldError, Invalid, NotFound } from './errors';
import type { CampaignEvent } from './events';
import { characterCount } from './text';

/** Lower-case letters, digits and hyphens, at most 63: the same ids as when a campaign is opened. */
export const AGENCY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const MAX_AGENCY_NAME_CHARACTERS = 100;

export type ExtendClosing = { type: 'ExtendClosing'; data: { campaignId: string; closesAt: string } };
/** Adds an agency; its id must be new to the campaign. */
export type AddAgency = { type: 'AddAgency'; data: { campaignId: string; agencyId: string; name: string } };
/** Adds the agency, renames it, or changes nothing when it already has that name (imports, PUT). */
export type PutAgency = { type: 'PutAgency'; data: { campaignId: string; agencyId: string; name: string } };
export type CampaignChange = ExtendClosing | AddAgency | PutAgency;

export function decideChange(command: CampaignChange, state: CampaignState, now: Date): CampaignEvent[] {
  const { campaignId } = command.data;
  if (!state.exists) throw new NotFound(`campaign ${campaignId} not found`);
  const phase = campaignPhase(state, now);
  if (phase !== 'scheduled' && phase !== 'open') throw new Conflict(`campaign ${campaignId} is ${phase}: it can change only while scheduled or open`);
  const { definition } = state;
  if (command.type === 'ExtendClosing') {
    const closes = Date.parse(command.data.closesAt);
    if (Number.isNaN(closes)) throw Invalid.because('invalid closing', [{ field: 'closesAt', message: 'must be an ISO 8601 time' }]);
    if (!(closes > Date.parse(definition.closesAt))) {
      throw Invalid.because('invalid closing', [{ field: 'closesAt', message: `must be later than the current closing, ${definition.closesAt}` }]);
    }
    return [{ type: 'CampaignClosingExtended', data: { campaignId, closesAt: new Date(closes).toISOString(), previousClosesAt: definition.closesAt } }];
  }
  const { agencyId } = command.data;
  const name = validAgency(agencyId, command.data.name);
  const known = definition.agencies.find((a) => a.id === agencyId);
  if (!known) return [{ type: 'CampaignAgencyAdded', data: { campaignId, agencyId, name } }];
  if (command.type === 'AddAgency') throw new Conflict(`campaign ${campaignId} already has an agency ${agencyId} (${known.name})`);
  if (known.name === name) return [];
  return [{ type: 'CampaignAgencyRenamed', data: { campaignId, agencyId, name, previousName: known.name } }];
}

/** What is wrong with an agency id and name (imports check rows with it before sending commands). */
export function agencyProblems(agencyId: string, name: string): FieldError[] {
  const problems: FieldError[] = [];
  if (!AGENCY_ID_PATTERN.test(agencyId)) problems.push({ field: 'agencyId', message: 'must be lower-case letters, digits and hyphens (at most 63)' });
  const trimmed = name.trim();
  if (!trimmed) problems.push({ field: 'name', message: 'must not be empty' });
  else if (characterCount(trimmed) > MAX_AGENCY_NAME_CHARACTERS) problems.push({ field: 'name', message: `must be at most ${MAX_AGENCY_NAME_CHARACTERS} characters` });
  return problems;
}

function validAgency(agencyId: string, name: string): string {
  const problems = agencyProblems(agencyId, name);
  if (problems.length) throw Invalid.because('invalid agency', problems);
  return name.trim();
}
