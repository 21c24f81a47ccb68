/**
 * The `agencies` projection: the city's agency directory as one read model (CLOSED-LOOP.md: every
 * agency of any campaign is in it too). One document per agency id, folded from the directory's own
 * streams (`agency-{agencyId}`: AgencyRegistered, AgencyRenamed, an admin's PUT) and from every
 * campaign's agencies (opened, added, renamed). The directory's name wins; an agency only a campaign
 * knows carries the name its latest campaign event gave it. Campaigns are left as they are: the
 * directory reads them, never the other way round. Each event puts the document whole from what it
 * read, so folding an event twice gives the same document.
 */
import type { AgencyEvent, CampaignEvent } from '@survey/domain';
import { defineProjection } from '../projection';
import type { EventHandler } from '../projection';

export const AGENCIES = 'agencies';

export interface AgencyDoc {
  [key: string]: unknown;
  agencyId: string;
  /** The name people read: the directory's, or else the latest a campaign gave it. */
  name: string;
  /** Registered in the directory itself (an admin's PUT), not only named by a campaign. */
  registered: boolean;
  directoryName: string | null;
  campaignName: string | null;
}

function put(docs: Parameters<EventHandler<unknown>['apply']>[1], agencyId: string, change: Partial<Pick<AgencyDoc, 'directoryName' | 'campaignName'>>): void {
  const before = docs.get<AgencyDoc>(AGENCIES, agencyId);
  const directoryName = change.directoryName ?? before?.directoryName ?? null;
  const campaignName = change.campaignName ?? before?.campaignName ?? null;
  const doc: AgencyDoc = { agencyId, name: (directoryName ?? campaignName)!, registered: directoryName !== null, directoryName, campaignName };
  docs.put(AGENCIES, agencyId, doc);
}

type Of<T extends string, E extends { type: string }> = Extract<E, { type: T }>;

const opened: EventHandler<Of<'CampaignOpened', CampaignEvent>> = {
  reads: (event) => event.data.agencies.map((a) => [AGENCIES, a.id] as const),
  apply: (event, docs) => event.data.agencies.forEach((a) => put(docs, a.id, { campaignName: a.name })),
};
const campaignAgency: EventHandler<Of<'CampaignAgencyAdded' | 'CampaignAgencyRenamed', CampaignEvent>> = {
  reads: (event) => [[AGENCIES, event.data.agencyId]],
  apply: (event, docs) => put(docs, event.data.agencyId, { campaignName: event.data.name }),
};
const directory: EventHandler<AgencyEvent> = {
  reads: (event) => [[AGENCIES, event.data.agencyId]],
  apply: (event, docs) => put(docs, event.data.agencyId, { directoryName: event.data.name }),
};

export const agenciesProjection = defineProjection({
  name: 'agencies',
  collections: [AGENCIES],
  on: {
    CampaignOpened: opened, CampaignAgencyAdded: campaignAgency, CampaignAgencyRenamed: campaignAgency,
    AgencyRegistered: directory, AgencyRenamed: directory,
  },
});
