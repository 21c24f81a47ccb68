/**
 * The demo's request plan and its behaviour, pure: the plan is the seed's, nearly five hundred
 * requests of 2019 by the demo's enterprises in the domain's categories to the demo's agencies, with
 * every path of the loop in it; and played turn by turn through the request decider on the official
 * calendar (with the scheduler's steps as the DeadlineScheduler takes them), every request reaches
 * its end with the deadlines met or missed as the plan's tally says.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_REQUEST_CATEGORIES, DEFAULT_REQUEST_POLICY, evolveRequest, FiledRequest, initialRequestState, isoDay, localDayOf, LoopActor, missedRequestDeadlines,
  rateDue, RequestCommand, requestDecider, RequestEvent, RequestState,
} from '@survey/domain';
import { officialCalendar, requestEvents } from '@survey/domain/testing';
import { buildDemoPlan, DemoPlan } from '../demo-plan';
import { SATISFIED_LEVELS } from '../demo-types';
import { nextRequestStep, requestFacts } from './request-behaviour';
import { buildRequestPlan, DEMO_REQUESTS, PlannedRequest } from './request-plan';
import { RequestTally, tallyRequests } from './request-tally';

const DAY_MS = 86_400_000;
const calendar = officialCalendar();

describe('the demo request plan', () => {
  let demo: DemoPlan;
  let plan: PlannedRequest[];
  let tally: RequestTally;
  beforeAll(() => {
    demo = buildDemoPlan();
    plan = buildRequestPlan(2019, demo.enterprises, demo.agencies);
    tally = tallyRequests(plan);
  });

  it('is the same for the same seed and another for another seed', () => {
    const digest = (p: PlannedRequest[]) => createHash('sha256').update(JSON.stringify(p)).digest('hex');
    expect(digest(buildRequestPlan(2019, demo.enterprises, demo.agencies))).toBe(digest(plan));
    expect(digest(buildRequestPlan(7, demo.enterprises, demo.agencies))).not.toBe(digest(plan));
  });

  it('files nearly five hundred requests over 2019, in filing order, by the demo’s enterprises, to its agencies, in every category', () => {
    expect(plan).toHaveLength(DEMO_REQUESTS);
    expect(DEMO_REQUESTS).toBeGreaterThan(450);
    expect(DEMO_REQUESTS).toBeLessThan(500);
    expect(plan.map((r) => r.n)).toEqual(plan.map((_, i) => i));
    expect(plan.every((r, i) => i === 0 || plan[i - 1].filedOn <= r.filedOn)).toBe(true);
    expect(plan[0].filedOn.slice(0, 7)).toBe('2019-01');
    expect(plan[plan.length - 1].filedOn.slice(0, 7)).toBe('2019-12');
    const codes = new Set(demo.enterprises.map((e) => e.creditCode));
    const agencies = new Set(demo.agencies.map((a) => a.id));
    expect(plan.filter((r) => !codes.has(r.creditCode))).toEqual([]);
    expect(plan.filter((r) => !agencies.has(r.agencies[0]) || !agencies.has(r.agencies[1]) || r.agencies[0] === r.agencies[1])).toEqual([]);
    expect(plan.filter((r) => r.suggestedAgencyId !== null && r.suggestedAgencyId !== r.agencies[0])).toEqual([]);
    expect(new Set(plan.map((r) => r.category))).toEqual(new Set(DEFAULT_REQUEST_CATEGORIES));
    const channels = new Set(plan.map((r) => (r.filer.by === 'centre' ? r.filer.channel : 'self')));
    expect(channels).toEqual(new Set(['self', '12345', 'window', 'phone', 'online']));
  });

  it('has every path of the loop, most requests resolved on time and rated satisfied', () => {
    expect(tally.received).toBe(plan.length);
    expect(tally.resolvedOnTime / tally.resolved).toBeGreaterThan(0.85);
    expect(tally.resolvedOnTime).toBeLessThan(tally.resolved);
    expect(tally.satisfied / tally.ratingSettled).toBeGreaterThan(0.7);
    expect(tally.dispatchedOnTime).toBeLessThan(tally.received);
    for (const path of ['returned', 'reopened', 'escalated', 'withdrawn', 'notRated', 'extensionsAsked', 'extensionsGranted'] as const) {
      expect({ path, n: tally[path] > 0 }).toEqual({ path, n: true });
    }
    expect(tally.extensionsGranted).toBeLessThan(tally.extensionsAsked);
  });

  it('played through the request decider on the official calendar, ends every request as the tally says', () => {
    const played = plan.map(play);
    const closed = played.map((p) => p.state);
    expect(closed.filter((s) => !(s.status === 'closed' || s.status === 'withdrawn'))).toEqual([]);
    const outcome = (o: string) => closed.filter((s) => s.outcome === o).length;
    expect(outcome('withdrawn')).toBe(tally.withdrawn);
    expect(outcome('not-rated')).toBe(tally.notRated);
    expect(outcome('escalated-closed')).toBe(tally.escalated);
    expect(outcome('satisfied')).toBe(tally.satisfied);
    expect(outcome('satisfied') + outcome('rated') + outcome('escalated-closed') + played.filter((p) => p.notRatedAfterRating).length).toBe(tally.ratingSettled);
    expect(played.filter((p) => p.returned).length).toBe(tally.returned);
    expect(played.filter((p) => p.reopened).length).toBe(tally.reopened);
    expect(played.filter((p) => p.firstResolutionOnTime).length).toBe(tally.resolvedOnTime);
    expect(played.filter((p) => p.firstDispatchOnTime).length).toBe(tally.dispatchedOnTime);
    expect(played.filter((p) => p.missed.has('resolve')).length).toBe(tally.resolved - tally.resolvedOnTime);
    expect(played.filter((p) => p.missed.has('accept')).length).toBeGreaterThan(0);
    // An enterprise files on its day; the centre on the first working day from it.
    const wrongDay = plan.filter((r, i) => {
      const filed = played[i].filedOn;
      return r.filer.by === 'enterprise' ? filed !== r.filedOn : filed < r.filedOn || !calendar.isWorkingDay(localDayOf(new Date(`${filed}T09:00:00+08:00`)));
    });
    expect(wrongDay).toEqual([]);
    expect(played.filter((p, i) => p.filedOn !== plan[i].filedOn).length).toBeGreaterThan(0);
  });

  it('satisfied means the top two levels of the scale', () => {
    expect(SATISFIED_LEVELS).toEqual(DEFAULT_REQUEST_POLICY.scale.filter((l) => l.satisfied).map((l) => l.id));
  });
});

interface Played {
  state: FiledRequest;
  filedOn: string;
  returned: boolean;
  reopened: boolean;
  notRatedAfterRating: boolean;
  firstDispatchOnTime: boolean;
  firstResolutionOnTime: boolean;
  missed: Set<string>;
}

const centre: LoopActor = { role: 'centre', sub: 'demo-centre-staff' };
const scheduler: LoopActor = { role: 'system', sub: 'deadline-scheduler' };

/** One request through daily turns at 09:00 in Xuzhou: the scheduler's pass, then the people's step (as the demo's turn does). */
function play(r: PlannedRequest): Played {
  const requestId = `r-${r.n}`;
  const events: RequestEvent[] = [];
  let state: RequestState = initialRequestState();
  const run = (command: RequestCommand, actor: LoopActor, now: Date) => {
    const enterprise = { ...requestEvents.acmeRegistered, creditCode: r.creditCode };
    const named = command.type === 'DispatchRequest' || command.type === 'ReceiveRequest' ? command.data.agencyId : null;
    const agency = named ? { exists: true as const, agencyId: named, name: named } : undefined;
    const added = requestDecider.decide(command, state, { now, actor, calendar, policy: DEFAULT_REQUEST_POLICY, enterprise, agency });
    for (const e of added) state = evolveRequest(state, e);
    events.push(...added);
  };
  const first = Date.parse(`${r.filedOn}T09:00:00+08:00`);
  for (let t = first; t < first + 200 * DAY_MS; t += DAY_MS) {
    const now = new Date(t);
    const today = localDayOf(now);
    const workday = calendar.isWorkingDay(today);
    if (!state.exists) {
      if (r.filer.by === 'enterprise' || workday) {
        const filer: LoopActor = r.filer.by === 'centre' ? centre : { role: 'enterprise', sub: r.creditCode };
        const body = { requestId, category: r.category, title: r.title, description: r.description, agencyId: r.suggestedAgencyId };
        run({ type: 'ReceiveRequest', data: r.filer.by === 'centre' ? { ...body, creditCode: r.creditCode, channel: r.filer.channel } : body }, filer, now);
      }
      continue;
    }
    if (state.status === 'closed' || state.status === 'withdrawn') break;
    for (const { deadline, due } of missedRequestDeadlines(state, now)) run({ type: 'MarkRequestDeadlineMissed', data: { requestId, deadline, due } }, scheduler, now);
    const closesAt = rateDue(state);
    if (closesAt !== null && Date.parse(closesAt) <= t) {
      run({ type: 'CloseUnratedRequest', data: { requestId } }, scheduler, now);
      break;
    }
    const facts = requestFacts(events)!;
    const workingDaysSince = (day: number) => {
      let n = 0;
      for (let d = day + 1; d <= today; d++) if (calendar.isWorkingDay(d)) n++;
      return n;
    };
    const next = nextRequestStep(r, facts, { today, workday, workingDaysSince });
    if (!next) continue;
    const who: LoopActor = next.by === 'centre' ? centre : next.by === 'enterprise' ? { role: 'enterprise', sub: r.creditCode } : { role: 'agency', sub: 'staff', agencyId: state.agencyId! };
    run(next.step as RequestCommand, who, now);
  }
  const s = state as FiledRequest;
  const of = <T extends RequestEvent['type']>(type: T) => events.filter((e): e is Extract<RequestEvent, { type: T }> => e.type === type);
  const received = of('RequestReceived')[0];
  const firstDispatch = of('RequestDispatched')[0];
  // The first resolution against the resolve due in force then: the last dispatch's, moved by a granted extension.
  const firstResolved = of('RequestResolved')[0];
  const dueThen = firstResolved ? [...events.slice(0, events.indexOf(firstResolved))].reverse().find((e) => e.type === 'RequestDispatched' || e.type === 'RequestExtensionDecided') : undefined;
  const ratedRounds = of('ResolutionRated');
  return {
    state: s,
    filedOn: isoDay(localDayOf(new Date(received.data.at))),
    returned: of('RequestReturned').length > 0,
    reopened: of('RequestReopened').length > 0,
    notRatedAfterRating: s.outcome === 'not-rated' && ratedRounds.length > 0,
    firstDispatchOnTime: !!firstDispatch && Date.parse(firstDispatch.data.at) <= Date.parse(received.data.dispatchDue),
    firstResolutionOnTime: !!firstResolved && !!dueThen && Date.parse(firstResolved.data.at) <= Date.parse((dueThen.data as { resolveDue: string }).resolveDue),
    missed: new Set(of('RequestDeadlineMissed').map((e) => e.data.deadline)),
  };
}
