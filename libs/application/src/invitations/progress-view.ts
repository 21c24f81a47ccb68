/** The progress answer from the campaign's `progress` document (none yet: nobody invited or rated). Pure. */
import { CampaignDefinition, CampaignPhase, getOwn, keyed, ownEntries } from '@survey/domain';
import type { ProgressDoc } from '@survey/read-models';
import { percent } from '@survey/reporting';
import type { ProgressView } from './campaign-progress.query';

export function progressView(campaign: CampaignDefinition, doc: ProgressDoc | undefined, status: CampaignPhase, asOf: ProgressView['asOf']): ProgressView {
  const p = doc ?? { campaignId: campaign.campaignId, invited: 0, responded: 0, respondedWithoutInvitation: 0, agencies: keyed<number>(), districts: keyed<{ invited: number; responded: number }>() };
  const districts = ownEntries(p.districts)
    .filter(([, d]) => d.invited > 0)
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0)) // unknown last
    .map(([district, d]) => ({ district: district || null, invited: d.invited, responded: d.responded, responseRate: percent(d.responded, d.invited) }));
  return {
    campaignId: campaign.campaignId,
    status,
    invited: p.invited,
    responded: p.responded,
    responseRate: percent(p.responded, p.invited),
    respondedWithoutInvitation: p.respondedWithoutInvitation,
    agencies: campaign.agencies.map(({ id, name }) => {
      const responded = getOwn(p.agencies, id) ?? 0;
      return { agencyId: id, name, responded, responseRate: percent(responded, p.invited) };
    }),
    districts,
    asOf,
  };
}
