/**
 * The `reports` projection: campaigns as they stand, and the counters behind the headline report
 * (per campaign, per agency, per question, per level), with respondents counted once per ballot.
 */
import { addTo, asKeyed, deleteOwn, getOwn, Keyed, keyed, ownKeys, setOwn } from '@survey/domain';
import type { BallotEvent, CampaignEvent } from '@survey/domain';
import { defineProjection } from '../projection';
import type { DocAccess, DocRef, EventHandler } from '../projection';
import { decodeKept, encodeKept } from './ballot-memory';
import { AgencyStatsDoc, agencyStatsId, BallotDoc, ballotDocId, CampaignDoc, CampaignStatsDoc, COLLECTIONS as C, LevelCounts } from './report-docs';

const campaignRead = (event: CampaignEvent): DocRef[] => [[C.campaigns, event.data.campaignId]];

/** A change to a campaign already opened (none: the event is ignored). */
function campaignChange<E extends CampaignEvent>(change: (doc: CampaignDoc, event: E) => void): EventHandler<E> {
  return {
    reads: campaignRead,
    apply(event, docs) {
      const doc = docs.get<CampaignDoc>(C.campaigns, event.data.campaignId);
      if (!doc) return;
      change(doc, event);
      docs.put(C.campaigns, event.data.campaignId, doc);
    },
  };
}

const ballotChange: EventHandler<BallotEvent> = {
  reads(event) {
    const { campaignId, creditCode, agencyId } = event.data;
    // The campaign: its questions and scale spell the ballot's kept ratings (./ballot-memory.ts).
    return [[C.ballots, ballotDocId(campaignId, creditCode)], [C.campaignStats, campaignId], [C.agencyStats, agencyStatsId(campaignId, agencyId)], [C.campaigns, campaignId]];
  },
  apply: applyBallot,
};

export const reportsProjection = defineProjection({
  name: 'reports',
  // Its checkpoint is every headline's asOf and what verification compares the live figures at.
  servesPosition: true,
  collections: Object.values(C),
  on: {
    CampaignOpened: {
      reads: campaignRead,
      apply(event, docs) {
        const doc: CampaignDoc = { ...event.data, closedAt: null, published: null };
        docs.put(C.campaigns, event.data.campaignId, doc);
      },
    },
    CampaignClosed: campaignChange((doc, event) => {
      doc.closedAt = event.data.closedAt;
    }),
    ResultsPublished: campaignChange((doc, event) => {
      const { publishedAt, position, figures, seal } = event.data;
      doc.published = { publishedAt, position, figures, ...(seal ? { seal } : {}) };
    }),
    CampaignClosingExtended: campaignChange((doc, event) => {
      doc.closesAt = event.data.closesAt;
    }),
    CampaignAgencyAdded: campaignChange((doc, event) => {
      doc.agencies = [...doc.agencies, { id: event.data.agencyId, name: event.data.name }];
    }),
    CampaignAgencyRenamed: campaignChange((doc, event) => {
      doc.agencies = doc.agencies.map((a) => (a.id === event.data.agencyId ? { id: a.id, name: event.data.name } : a));
    }),
    EvaluationSubmitted: ballotChange,
    EvaluationRevised: ballotChange,
    EvaluationWithdrawn: ballotChange,
    EvaluationInvalidated: ballotChange,
  },
});

function applyBallot(event: BallotEvent, docs: DocAccess): void {
  const { campaignId, creditCode, agencyId } = event.data;
  const ballotId = ballotDocId(campaignId, creditCode);
  const ballot = docs.get<BallotDoc>(C.ballots, ballotId) ?? { current: keyed(), count: 0 };
  const campaign = docs.get<CampaignStatsDoc>(C.campaignStats, campaignId) ?? { campaignId, respondents: 0, levels: keyed(), questions: keyed() };
  const agencyId_ = agencyStatsId(campaignId, agencyId);
  const agency = docs.get<AgencyStatsDoc>(C.agencyStats, agencyId_) ?? { campaignId, agencyId, levels: keyed(), questions: keyed() };

  const definition = docs.get<CampaignDoc>(C.campaigns, campaignId);
  const stored = getOwn(ballot.current, agencyId);
  const kept = stored === undefined ? undefined : decodeKept(definition, stored);
  if (kept) {
    count(campaign, kept[0], kept[1], -1);
    count(agency, kept[0], kept[1], -1);
  }
  const rated = event.type === 'EvaluationSubmitted' || event.type === 'EvaluationRevised';
  if (rated) {
    const { rating } = event.data;
    // `?? {}`: an event of an older shape read without its upcaster may have no answers; count none.
    const answers = asKeyed(event.data.answers ?? {});
    count(campaign, rating, answers, +1);
    count(agency, rating, answers, +1);
    setOwn(ballot.current, agencyId, encodeKept(definition, rating, answers));
  } else if (kept) {
    deleteOwn(ballot.current, agencyId);
  }
  const countBefore = ballot.count;
  ballot.count += (rated ? 1 : 0) - (kept ? 1 : 0);
  if (countBefore === 0 && ballot.count > 0) campaign.respondents += 1;
  if (countBefore > 0 && ballot.count === 0) campaign.respondents -= 1;

  docs.put(C.ballots, ballotId, ballot);
  docs.put(C.campaignStats, campaignId, campaign);
  docs.put(C.agencyStats, agencyId_, agency);
}

function count(counts: LevelCounts, rating: string, answers: Keyed<string>, delta: number): void {
  addTo(counts.levels, rating, delta);
  // Object.keys rather than entries: this runs for every rating folded, and entries costs ten times as much.
  for (const question of ownKeys(answers)) {
    let levels = getOwn(counts.questions, question);
    if (!levels) setOwn(counts.questions, question, (levels = keyed()));
    addTo(levels, getOwn(answers, question)!, delta);
  }
}
