/**
 * A long, deterministic ballot history for projector specs, and an oracle that counts it without
 * the projection's code: what is current is simply the last rating not withdrawn or invalidated.
 */
import { DEFAULT_QUESTIONS, Keyed, ownEntries } from '@survey/domain';
import type { SurveyEvent } from '@survey/domain';
import type { LevelCounts } from '../projections/report-docs';
import {
  acme, AGENCIES, closed, creditCode, globex, initech, invalidated, LEVELS, opened, published, registered, revised, submitted, withdrawn,
} from '@survey/domain/testing';


/**
 * Two campaigns opened, then ballot events picked by a fixed pseudo-random sequence (submissions,
 * revisions, withdrawals, invalidations, submissions again), then xz-2018 closed and published.
 */
export function aHistory(length: number, seed = 2019): SurveyEvent[] {
  let state = seed;
  const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const codes = [acme, globex, initech, ...Array.from({ length: 9 }, (_, i) => creditCode(i + 1))];
  const events: SurveyEvent[] = [opened('xz-2018', { year: 2018 }), opened('xz-2019', { year: 2019 }), registered(acme)];
  const current = new Set<string>();
  while (events.length < length - 2) {
    const campaignId = next(3) === 0 ? 'xz-2018' : 'xz-2019';
    const code = codes[next(codes.length)];
    const agency = AGENCIES[next(AGENCIES.length)].id;
    const answers = Object.fromEntries(DEFAULT_QUESTIONS.filter(() => next(2) === 0).map((q) => [q.id, LEVELS[next(LEVELS.length)]]));
    const options = { campaignId, answers };
    const key = `${campaignId}/${code}/${agency}`;
    const action = current.has(key) ? next(4) : -1;
    if (action === -1) events.push(submitted(code, agency, LEVELS[next(LEVELS.length)], options));
    else if (action <= 1) events.push(revised(code, agency, LEVELS[next(LEVELS.length)], options));
    else events.push(action === 2 ? withdrawn(code, agency, campaignId) : invalidated(code, agency, campaignId));
    if (action === -1) current.add(key);
    if (action >= 2) current.delete(key);
  }
  events.push(closed('xz-2018'), published('xz-2018', length - 1, { rate: 70.0 }));
  return events;
}

/** Counters as plain JSON objects (built with Object.fromEntries, never indexed), for toEqual. */
export interface Counts {
  levels: { [level: string]: number };
  questions: { [question: string]: { [level: string]: number } };
}

/** The non-zero counters of a document: a level that went back to 0 may stay as a key. */
export function counts(doc: LevelCounts): Counts {
  const nonZero = (levels: Keyed<number>) => Object.fromEntries(ownEntries(levels).filter(([, n]) => n !== 0));
  const questions = ownEntries(doc.questions).map(([q, levels]) => [q, nonZero(levels)] as const);
  return { levels: nonZero(doc.levels), questions: Object.fromEntries(questions.filter(([, l]) => Object.keys(l).length > 0)) };
}

export interface ExpectedCampaign extends Counts {
  respondents: number;
  /** Agencies with at least one current evaluation. */
  agencies: { [agencyId: string]: Counts };
}

/** Counts kept in Maps while they are added up. */
class Tally {
  readonly levels = new Map<string, number>();
  readonly questions = new Map<string, Map<string, number>>();

  add(rating: string, answers: Record<string, string>): void {
    this.levels.set(rating, (this.levels.get(rating) ?? 0) + 1);
    for (const [q, level] of Object.entries(answers)) {
      const levels = this.questions.get(q) ?? new Map<string, number>();
      this.questions.set(q, levels.set(level, (levels.get(level) ?? 0) + 1));
    }
  }

  counts(): Counts {
    return { levels: Object.fromEntries(this.levels), questions: Object.fromEntries([...this.questions].map(([q, levels]) => [q, Object.fromEntries(levels)])) };
  }
}

/** campaignId → what its counters must read after the whole history. */
export function expectedCounts(events: SurveyEvent[]): { [campaignId: string]: ExpectedCampaign } {
  const current = new Map<string, { campaignId: string; creditCode: string; agencyId: string; rating: string; answers: Record<string, string> }>();
  for (const event of events) {
    if (!('agencyId' in event.data) || !('creditCode' in event.data)) continue;
    const key = `${event.data.campaignId}/${event.data.creditCode}/${event.data.agencyId}`;
    if ('rating' in event.data) current.set(key, event.data);
    else current.delete(key);
  }
  const campaigns = new Map<string, { tally: Tally; agencies: Map<string, Tally>; respondents: Set<string> }>();
  for (const { campaignId, creditCode, agencyId, rating, answers } of current.values()) {
    const campaign = campaigns.get(campaignId) ?? { tally: new Tally(), agencies: new Map<string, Tally>(), respondents: new Set<string>() };
    campaigns.set(campaignId, campaign);
    campaign.tally.add(rating, answers);
    const agency = campaign.agencies.get(agencyId) ?? new Tally();
    campaign.agencies.set(agencyId, agency);
    agency.add(rating, answers);
    campaign.respondents.add(creditCode);
  }
  return Object.fromEntries([...campaigns].map(([campaignId, c]) => [campaignId, {
    respondents: c.respondents.size, ...c.tally.counts(), agencies: Object.fromEntries([...c.agencies].map(([a, t]) => [a, t.counts()])),
  }]));
}
