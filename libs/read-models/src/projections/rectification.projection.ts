/**
 * The `rectification` projection: per campaign and agency, the cumulative counts of the
 * rectification cases (CLOSED-LOOP.md "Report shapes"), and the open cases with the deadlines they
 * wait on, from which the query counts `open` and `overdue` at the moment it is asked. Each case is
 * folded by the domain's own evolveCase, so its status, round and pending deadlines are the ones
 * the case routes show; every counter counts a case at most once (`counted`), so the counts are
 * "cases that ever reached that step", whatever happened after.
 *
 * On time: a step's `at` at or before its due as recorded — the first contact against the
 * opening's `contactDue`; the first report (round 1) against round 1's `rectifyDue`. A rate's
 * denominator (`contactSettled`, `rectifySettled`) is the cases whose step was done or whose
 * deadline was recorded missed, so a contact never made counts against the rate once the scheduler
 * records it, not only a late one.
 */
import { evolveCase, pendingCaseDeadlines } from '@survey/domain';
import type { CampaignEvent, OpenedCase, RectificationEvent } from '@survey/domain';
import { defineProjection } from '../projection';
import type { DocAccess, DocRef, EventHandler } from '../projection';
import {
  CaseCounter, CaseTallyDoc, noCaseCounts, OpenCaseDoc, openCaseId, RECTIFICATION as R, RectificationCampaignDoc, RectificationStatsDoc,
  rectificationStatsId,
} from './rectification-docs';

/** A change to a campaign already opened (none: the event is ignored). */
function campaignChange<E extends CampaignEvent>(change: (doc: RectificationCampaignDoc, event: E) => void): EventHandler<E> {
  return {
    reads: (event) => [[R.campaigns, event.data.campaignId]],
    apply(event, docs) {
      const doc = docs.get<RectificationCampaignDoc>(R.campaigns, event.data.campaignId);
      if (!doc) return;
      change(doc, event);
      docs.put(R.campaigns, event.data.campaignId, doc);
    },
  };
}

const caseEvent: EventHandler<RectificationEvent> = {
  reads(event) {
    const { caseId, campaignId, agencyId } = event.data;
    const refs: DocRef[] = [[R.cases, caseId], [R.stats, rectificationStatsId(campaignId, agencyId)], [R.open, openCaseId(campaignId, caseId)]];
    if (event.type === 'FollowUpRated') refs.push([R.campaigns, campaignId]);
    return refs;
  },
  apply: applyCaseEvent,
};

export const rectificationProjection = defineProjection({
  name: 'rectification',
  collections: Object.values(R),
  on: {
    CampaignOpened: {
      reads: (event) => [[R.campaigns, event.data.campaignId]],
      apply(event, docs) {
        const { campaignId, agencies, scale } = event.data;
        const doc: RectificationCampaignDoc = {
          campaignId, agencies: agencies.map(({ id, name }) => ({ id, name })), satisfiedLevels: scale.filter((l) => l.satisfied).map((l) => l.id), publishedAt: null,
        };
        docs.put(R.campaigns, campaignId, doc);
      },
    },
    CampaignAgencyAdded: campaignChange((doc, event) => {
      doc.agencies = [...doc.agencies, { id: event.data.agencyId, name: event.data.name }];
    }),
    CampaignAgencyRenamed: campaignChange((doc, event) => {
      doc.agencies = doc.agencies.map((a) => (a.id === event.data.agencyId ? { id: a.id, name: event.data.name } : a));
    }),
    ResultsPublished: campaignChange((doc, event) => {
      doc.publishedAt = event.data.publishedAt;
    }),
    RectificationCaseOpened: caseEvent,
    RectificationRatingRevised: caseEvent,
    EnterpriseContacted: caseEvent,
    RectificationReported: caseEvent,
    FollowUpRated: caseEvent,
    RectificationReopened: caseEvent,
    RectificationEscalated: caseEvent,
    AppealFiled: caseEvent,
    AppealDecided: caseEvent,
    RectificationDeadlineMissed: caseEvent,
    RectificationCaseClosed: caseEvent,
  },
});

function applyCaseEvent(event: RectificationEvent, docs: DocAccess): void {
  const { caseId, campaignId, agencyId } = event.data;
  const tally = docs.get<CaseTallyDoc>(R.cases, caseId);
  // A step of a case whose opening this projection never saw has nothing to count against.
  if (!tally && event.type !== 'RectificationCaseOpened') return;
  // A second opening of the same case cannot be appended (no_stream); were it there, it would count nothing.
  if (tally && event.type === 'RectificationCaseOpened') return;
  const before = tally ? { ...tally.state, missed: new Set(tally.state.missed) } : undefined;
  const after = evolveCase(before ?? { exists: false }, event);
  if (!after.exists) return;

  const statsId = rectificationStatsId(campaignId, agencyId);
  const stats = docs.get<RectificationStatsDoc>(R.stats, statsId) ?? { campaignId, agencyId, ...noCaseCounts() };
  const counted = new Set(tally?.counted ?? []);
  const count = (counter: CaseCounter, when = true) => {
    if (!when || counted.has(counter)) return;
    counted.add(counter);
    stats[counter] += 1;
  };
  for (const [counter, when] of reached(event, before, docs)) count(counter, when);

  const stored: CaseTallyDoc = { state: { ...after, missed: [...after.missed] }, counted: [...counted] };
  docs.put(R.cases, caseId, stored);
  docs.put(R.stats, statsId, stats);
  const openId = openCaseId(campaignId, caseId);
  if (after.status === 'closed') {
    docs.delete(R.open, openId);
  } else {
    const open: OpenCaseDoc = { caseId, agencyId, dues: pendingCaseDeadlines(after).map((d) => d.due) };
    docs.put(R.open, openId, open);
  }
}

/** The counters an event may bring its case into (each counts once per case, so repeating one is harmless). */
function reached(event: RectificationEvent, before: OpenedCase | undefined, docs: DocAccess): [CaseCounter, boolean][] {
  const onTime = (at: string, due: string) => Date.parse(at) <= Date.parse(due);
  switch (event.type) {
    case 'RectificationCaseOpened':
      return [['cases', true]];
    case 'EnterpriseContacted': {
      // Only the first contact is judged: later ones are further calls on a case already contacted.
      const first = before !== undefined && !before.contacted;
      return [['contacted', true], ['contactSettled', true], ['contactedOnTime', first && onTime(event.data.at, before.contactDue)]];
    }
    case 'RectificationReported': {
      const firstRound = event.data.round === 1 && before !== undefined;
      return [['reported', true], ['rectifySettled', firstRound], ['rectifiedOnTime', firstRound && onTime(event.data.at, before.rectifyDue)]];
    }
    case 'RectificationDeadlineMissed':
      return event.data.deadline === 'contact' ? [['contactSettled', true]] : [['rectifySettled', event.data.round === 1]];
    case 'FollowUpRated': {
      const campaign = docs.get<RectificationCampaignDoc>(R.campaigns, event.data.campaignId);
      return [['followUps', true], ['followUpSatisfied', campaign?.satisfiedLevels.includes(event.data.level) ?? false]];
    }
    case 'AppealFiled':
      return [['appeals', true]];
    case 'AppealDecided':
      return [['appealsUpheld', event.data.upheld]];
    case 'RectificationCaseClosed':
      return [['closed', true], ['closedRectified', event.data.outcome === 'rectified']];
    default:
      return [];
  }
}
