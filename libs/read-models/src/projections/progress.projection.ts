/**
 * The `progress` projection: who was invited to a campaign and who has responded, for admins while
 * the campaign runs. Folds InvitationsIssued/Revoked, the enterprises' profiles (for the district)
 * and ballot events; separate from `reports`, so the headline's hot fold does not carry it.
 *
 * An invitee counts in the district it had when (last) invited, as an evaluation carries the
 * segment of its time: a later profile change moves no counter, and issuing the invitation again
 * takes the new district. Responded means a current evaluation (withdrawn or invalidated ones are
 * not), overall and per agency.
 */
import { addTo, getOwn, keyed, setOwn } from '@survey/domain';
import type { BallotEvent, EnterpriseEvent, EvaluationInvalidated, EvaluationRevised, EvaluationSubmitted, EvaluationWithdrawn, InvitationRevoked } from '@survey/domain';
import { defineProjection } from '../projection';
import type { DocAccess, DocRef, EventHandler } from '../projection';
import { InviteeDoc, inviteeId, PendingDoc, PROGRESS as P, ProgressDoc, ProgressEnterpriseDoc } from './progress-docs';

const profile: EventHandler<EnterpriseEvent> = {
  reads: (event) => [[P.enterprises, event.data.creditCode]],
  apply(event, docs) {
    const doc: ProgressEnterpriseDoc = { name: event.data.name, district: event.data.district };
    docs.put(P.enterprises, event.data.creditCode, doc);
  },
};

/** An event about one invitee: its campaign's counters and its own standing. */
const inviteeRead = (event: BallotEvent | InvitationRevoked): DocRef[] => [
  [P.campaigns, event.data.campaignId],
  [P.invitees, inviteeId(event.data.campaignId, event.data.creditCode)],
];

const rated: EventHandler<EvaluationSubmitted | EvaluationRevised> = {
  reads: inviteeRead,
  apply(event, docs) {
    const { agencyId } = event.data;
    change(docs, event.data.campaignId, event.data.creditCode, (i) => (i.rated.includes(agencyId) ? i : { ...i, rated: [...i.rated, agencyId] }));
  },
};

const unrated: EventHandler<EvaluationWithdrawn | EvaluationInvalidated> = {
  reads: inviteeRead,
  apply(event, docs) {
    const { agencyId } = event.data;
    change(docs, event.data.campaignId, event.data.creditCode, (i) => ({ ...i, rated: i.rated.filter((a) => a !== agencyId) }));
  },
};

export const progressProjection = defineProjection({
  name: 'progress',
  // Its checkpoint is the progress route's asOf.
  servesPosition: true,
  collections: Object.values(P),
  on: {
    EnterpriseRegistered: profile,
    EnterpriseProfileChanged: profile,
    InvitationsIssued: {
      reads: ({ data: { campaignId, creditCodes } }) => [
        [P.campaigns, campaignId],
        ...creditCodes.flatMap((code): DocRef[] => [[P.enterprises, code], [P.invitees, inviteeId(campaignId, code)]]),
      ],
      apply(event, docs) {
        for (const code of event.data.creditCodes) {
          const district = docs.get<ProgressEnterpriseDoc>(P.enterprises, code)?.district ?? null;
          change(docs, event.data.campaignId, code, (i) => ({ ...i, invited: true, district }));
        }
      },
    },
    InvitationRevoked: {
      reads: inviteeRead,
      apply: (event, docs) => change(docs, event.data.campaignId, event.data.creditCode, (i) => ({ ...i, invited: false })),
    },
    EvaluationSubmitted: rated,
    EvaluationRevised: rated,
    EvaluationWithdrawn: unrated,
    EvaluationInvalidated: unrated,
  },
});

/** Applies one change to an invitee: its old contribution to the counters out, the new one in. */
function change(docs: DocAccess, campaignId: string, creditCode: string, update: (invitee: InviteeDoc) => InviteeDoc): void {
  const id = inviteeId(campaignId, creditCode);
  const before = docs.get<InviteeDoc>(P.invitees, id) ?? { creditCode, invited: false, district: null, rated: [] };
  const after = update(before);
  if (after === before) return;
  const progress = docs.get<ProgressDoc>(P.campaigns, campaignId)
    ?? { campaignId, invited: 0, responded: 0, respondedWithoutInvitation: 0, agencies: keyed(), districts: keyed() };
  count(progress, before, -1);
  count(progress, after, +1);
  docs.put(P.campaigns, campaignId, progress);
  docs.put(P.invitees, id, after);
  const pending = (i: InviteeDoc) => i.invited && i.rated.length === 0;
  if (pending(after)) {
    const doc: PendingDoc = { creditCode, district: after.district };
    docs.put(P.pending, id, doc);
  } else if (pending(before)) {
    docs.delete(P.pending, id);
  }
}

function count(progress: ProgressDoc, invitee: InviteeDoc, delta: number): void {
  const responded = invitee.rated.length > 0 ? 1 : 0;
  if (!invitee.invited) {
    progress.respondedWithoutInvitation += responded * delta;
    return;
  }
  progress.invited += delta;
  progress.responded += responded * delta;
  const name = invitee.district ?? '';
  let district = getOwn(progress.districts, name);
  if (!district) setOwn(progress.districts, name, (district = { invited: 0, responded: 0 }));
  district.invited += delta;
  district.responded += responded * delta;
  for (const agencyId of invitee.rated) addTo(progress.agencies, agencyId, delta);
}
