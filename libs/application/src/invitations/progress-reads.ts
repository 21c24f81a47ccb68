/**
 * What the progress queries share: the campaign (from its stream: an unknown one is a 404 before
 * any answer starts) and a page of non-respondents from the `progress` read models. Who responded
 * is personal data: only admins reach these (analysts and auditors get 403 at the edge).
 */
import { campaignDecider, NotFound, streams } from '@survey/domain';
import { inviteeId, PendingDoc, PROGRESS, ProgressEnterpriseDoc, DocumentReads } from '@survey/read-models';
import type { Aggregates } from '../runtime/aggregates';
import type { NonRespondent } from './non-respondents.query';

export async function existingCampaign(aggregates: Aggregates, campaignId: string) {
  const { state } = await aggregates.load(streams.campaign(campaignId), campaignDecider);
  if (!state.exists) throw new NotFound(`campaign ${campaignId} not found`);
  return state;
}

/** Invited enterprises that have not responded, by credit code, after `after`. */
export async function nonRespondentsPage(readModels: DocumentReads, campaignId: string, after: string | null, limit: number): Promise<NonRespondent[]> {
  const pending = await readModels.listPage<PendingDoc>(PROGRESS.pending, `${campaignId}/`, after === null ? null : inviteeId(campaignId, after), limit);
  const profiles = await readModels.getMany<ProgressEnterpriseDoc>(PROGRESS.enterprises, pending.map((p) => p.doc.creditCode));
  return pending.map(({ doc }) => ({ creditCode: doc.creditCode, name: profiles.get(doc.creditCode)?.name ?? null, district: doc.district }));
}
