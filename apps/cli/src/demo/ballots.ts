/**
 * Turns one campaign's drawn figures into ballots with a plausible history: one visit submitting
 * every evaluation, some evaluations first submitted with a neighbouring level and revised on a
 * later visit, and a few ballots with an agency rated by mistake and withdrawn later.
 */
import { AGENCY_SPECS } from './agencies.data';
import { drawAnswers, drawComment, earlierLevel } from './answers';
import type { DemoAction, DemoBallot, DemoCampaign, DemoEnterprise } from './demo-types';
import { LEVEL_IDS } from './demo-types';
import { intBelow, type Rng } from './prng';
import type { CampaignDraw } from './ratings';
import { campaignWindow, firstVisit, isoFormatter, laterVisit, sameVisit } from './times';

const REVISION_SHARE = 0.02;
const EXTRA_AGENCY_SHARE = 0.005;

export function buildBallots(
  rng: Rng,
  campaign: DemoCampaign,
  enterprises: readonly DemoEnterprise[],
  draw: CampaignDraw,
): DemoBallot[] {
  const window = campaignWindow(campaign.opensAt, campaign.closesAt);
  const iso = isoFormatter();
  const started: { ballot: DemoBallot; first: number }[] = [];
  draw.respondents.forEach((e, r) => {
    const start = draw.offsets[r];
    const end = draw.offsets[r + 1];
    const visit: DemoAction[] = [];
    const later: DemoAction[] = [];
    const upheldAppeals: string[] = [];
    for (let i = start; i < end; i++) {
      const agencyId = AGENCY_SPECS[draw.agencies[i]].id;
      const final = submit(rng, agencyId, draw.levels[i]);
      // An upheld appeal's evaluation is never revised: its case is the one its first rating opened.
      if (draw.upheld.has(i)) {
        upheldAppeals.push(agencyId);
        visit.push(final);
      } else if (rng() < REVISION_SHARE) {
        visit.push(submit(rng, agencyId, earlierLevel(rng, draw.levels[i]), false));
        later.push(final);
      } else visit.push(final);
    }
    if (rng() < EXTRA_AGENCY_SHARE) {
      const agencyId = AGENCY_SPECS[otherAgency(rng, draw.agencies.subarray(start, end))].id;
      visit.splice(intBelow(rng, visit.length + 1), 0, submit(rng, agencyId, intBelow(rng, LEVEL_IDS.length)));
      later.push({ kind: 'withdraw', agencyId, at: '' });
    }
    shuffle(rng, later);
    const first = firstVisit(rng, window);
    let t = first;
    visit.forEach((action, k) => (action.at = iso(k === 0 ? t : (t = sameVisit(rng, t)))));
    for (const action of later) {
      action.at = iso((t = laterVisit(rng, t, window)));
      visit.push(action);
    }
    const ballot = { campaignId: campaign.id, creditCode: enterprises[e].creditCode, actions: visit, upheldAppeals };
    started.push({ ballot, first });
  });
  // Array.prototype.sort is stable, so equal start times keep the respondents' order.
  return started.sort((a, b) => a.first - b.first).map((s) => s.ballot);
}

/** `at` is filled in once the ballot's order is known. */
function submit(rng: Rng, agencyId: string, level: number, mayComment = true): DemoAction {
  return {
    kind: 'submit',
    agencyId,
    rating: LEVEL_IDS[level],
    answers: drawAnswers(rng, level),
    comment: mayComment ? drawComment(rng, level) : null,
    at: '',
  };
}

function otherAgency(rng: Rng, rated: Uint8Array): number {
  for (;;) {
    const a = intBelow(rng, AGENCY_SPECS.length);
    if (!rated.includes(a)) return a;
  }
}

function shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = intBelow(rng, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}
