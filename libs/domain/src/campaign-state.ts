/**
 * A campaign folded from its stream: its definition as last changed, when it was closed and
 * published, and the phase that follows at a given moment. Apart from the decisions (campaign.ts
 * and campaign-changes.ts both read it), so neither decision file imports the other's.
 */
import { assertNever } from './decider';
import type { CampaignEvent, CampaignOpened } from './events';

export type CampaignDefinition = CampaignOpened['data'];
export type CampaignState =
  | { exists: false }
  | { exists: true; definition: CampaignDefinition; closedAt: string | null; publishedAt: string | null };
export type CampaignPhase = 'scheduled' | 'open' | 'closed' | 'published';

export const initialCampaignState = (): CampaignState => ({ exists: false });

export function campaignPhase(state: CampaignState & { exists: true }, now: Date): CampaignPhase {
  if (state.publishedAt) return 'published';
  if (state.closedAt || now.getTime() >= Date.parse(state.definition.closesAt)) return 'closed';
  return now.getTime() < Date.parse(state.definition.opensAt) ? 'scheduled' : 'open';
}

/** Each step returns a new state; the definition and its agency list are copied, never changed. */
export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignOpened':
      return { exists: true, definition: event.data, closedAt: null, publishedAt: null };
    case 'CampaignClosed':
      return state.exists ? { ...state, closedAt: event.data.closedAt } : state;
    case 'ResultsPublished':
      return state.exists ? { ...state, publishedAt: event.data.publishedAt } : state;
    case 'CampaignClosingExtended':
      return state.exists ? { ...state, definition: { ...state.definition, closesAt: event.data.closesAt } } : state;
    case 'CampaignAgencyAdded': {
      if (!state.exists) return state;
      const agencies = [...state.definition.agencies, { id: event.data.agencyId, name: event.data.name }];
      return { ...state, definition: { ...state.definition, agencies } };
    }
    case 'CampaignAgencyRenamed': {
      if (!state.exists) return state;
      const { agencyId, name } = event.data;
      const agencies = state.definition.agencies.map((a) => (a.id === agencyId ? { id: a.id, name } : a));
      return { ...state, definition: { ...state.definition, agencies } };
    }
    default:
      return assertNever(event);
  }
}
