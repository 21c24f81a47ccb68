/**
 * The demo's rectification loop, played in daily turns on the demo's manual clock (09:00 in
 * Xuzhou) through the same machinery the API runs: the case reactor opens one case per bad review
 * (run to the log's head at every turn, never a case opened by hand), the deadline scheduler
 * records the deadlines missed by then and closes cases nobody followed up, and then simulated
 * centre and agency staff and enterprises take their steps through the one path the case routes'
 * handler takes too (caseSeries: takeCaseStep's checks, decider and event metadata, without the
 * answer the routes present), each decided on the case as folded here rather than loaded again,
 * and a case's steps of one turn appended together in one append: calls,
 * reports, appeals and their decisions, follow-ups, the centre's closings. Staff work on the
 * official calendar's working days only.
 *
 * The reactor and the scheduler are started and stopped here rather than by CaseProcessesModule,
 * so that they act when a turn says (the scheduler's own timer is pushed out of the demo's way);
 * the projector beside the demo runs with CASE_PROCESSES=off. Distinct cases' steps go at once,
 * so their appends share the event store's group commit.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { INestApplicationContext } from '@nestjs/common';
import {
  actorOf, CaseReactor, CaseRuntime, caseSeries, DeadlineScheduler, ManualClock, PersonsCaseStep, pool, Principal, RequestRuntime, takeCaseStep,
} from '@survey/application';
import { CaseState, evolveCase, initialCaseState, localDayOf, OpenedCase, RectificationEvent, WrongExpectedRevision } from '@survey/domain';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@survey/event-store';
import { READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';
import type { DemoParticipant } from '../timeline';
import { CaseBehaviour, caseBehaviour } from './case-behaviour';

const PAGE = 5000;
/**
 * Cases whose steps go at once: a turn's appends share group commits, and the event store's writer
 * takes up to 5,000 appends a transaction, so fewer lanes would make a busy turn wait for a chain
 * of commits one after another.
 */
const CONCURRENCY = 4096;
/** The reactor's batches and commits: the turn waits for it, and a day of ballots is up to ~15,000 events. */
const REACTOR_BATCH = 10_000;
const REACTOR_COMMIT_EVERY = 50_000;
const CENTRE: Principal = { role: 'centre', sub: 'demo-centre-staff' };

interface Tracked {
  state: OpenedCase;
  /** The revision of the case's stream that `state` reflects. */
  revision: number;
  behaviour: CaseBehaviour;
  /** Turns since the case last changed status: working-day turns and all turns. */
  workTurns: number;
  turns: number;
}

export interface LoopCounts {
  steps: number;
}

/** The evaluation a case is about, as one string (JSON: no id can run into another). */
export const evaluationKey = (e: { campaignId: string; creditCode: string; agencyId: string }) => JSON.stringify([e.campaignId, e.creditCode, e.agencyId]);

export class DemoCaseLoop implements DemoParticipant {
  private readonly events: EventStore;
  private readonly runtime: CaseRuntime;
  private readonly reactor: CaseReactor;
  private readonly scheduler: DeadlineScheduler;
  private readonly cases = new Map<string, Tracked>();
  /** How many cases each evaluation opened so far (a Map: ids are user text). */
  private readonly openedPer = new Map<string, number>();
  private subscription?: Subscription;
  /** What stopped the subscription, thrown by the next turn. */
  private failure: unknown;
  readonly counts: LoopCounts = { steps: 0 };
  /** Wall ms the turns spent per phase (printed with DEMO_TIMING=1: where the loop's share of the demo goes). */
  readonly timings = { reactor: 0, scheduler: 0, fold: 0, steps: 0, reactorIdle: 0, stepsIdle: 0 };

  /** `upheld`: the evaluation keys whose case the centre upholds an appeal on (the plan's upheldAppeals). */
  constructor(app: INestApplicationContext, private readonly clock: ManualClock, private readonly seed: number, private readonly upheld: ReadonlySet<string>) {
    this.events = app.get<EventStore>(EVENT_STORE);
    this.runtime = app.get(CaseRuntime);
    this.reactor = new CaseReactor(this.events, app.get<ReadModelStore>(READ_MODEL_STORE), this.runtime);
    // It follows a day's ballots as they land and the turn waits for it: fewer, larger batches, fewer commits to wait for.
    this.reactor.batchSize = REACTOR_BATCH;
    this.reactor.commitEveryEvents = REACTOR_COMMIT_EVERY; // a crash folds again at most that many, appending nothing twice
    // The requests' deadlines too: the demo's requests (../requests/demo-requests.ts) have this one scheduler.
    this.scheduler = new DeadlineScheduler(this.events, this.runtime, app.get(RequestRuntime, { strict: false }));
    this.scheduler.everyMs = 24 * 3600_000; // the turns tick it; its timer would act at random moments of the replay
    this.scheduler.passConcurrency = CONCURRENCY; // a turn waits for its pass: its appends in as few commits as the writer allows
    this.scheduler.passLimit = CONCURRENCY; // and in rounds as large: the demo answers no HTTP meanwhile
  }

  /** Starts the reactor and the scheduler and folds the cases the log holds (a re-run resumes the open ones). */
  async start(): Promise<void> {
    await this.reactor.start();
    await this.scheduler.start();
    this.subscription = this.events.subscribeToAll({ after: 0, batchSize: PAGE }, (batch) => this.follow(batch), (error) => {
      this.failure = error;
    });
    await this.fold();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.scheduler.stop();
    await this.reactor.stop();
  }

  /** Cases not closed yet (a closed case leaves the map). */
  pending(): number {
    return this.cases.size;
  }

  /** Appeals awaiting the centre's decision. */
  appeals(): number {
    let appeals = 0;
    for (const { state } of this.cases.values()) if (state.appeal === 'pending') appeals++;
    return appeals;
  }

  /** One turn at `at`: the reactor to the head, the scheduler's pass, then everyone's steps. */
  async turn(at: Date): Promise<void> {
    if (at.getTime() > this.clock.now().getTime()) this.clock.set(at);
    const t0 = performance.now();
    const loop0 = performance.eventLoopUtilization();
    await this.reactor.waitFor(await this.events.headPosition());
    const t1 = performance.now();
    this.timings.reactorIdle += performance.eventLoopUtilization(loop0).idle;
    await this.scheduler.caughtUp();
    await this.scheduler.tick();
    const t2 = performance.now();
    await this.fold();
    const t3 = performance.now();
    const loop3 = performance.eventLoopUtilization();
    const workday = this.runtime.calendar().isWorkingDay(localDayOf(at));
    const due = [...this.cases.values()].filter((c) => c.state.status !== 'closed');
    for (const c of due) {
      c.turns++;
      if (workday) c.workTurns++;
    }
    // Every case's steps decided on the cases as folded at the turn's start (the subscription
    // folds on meanwhile, the steps' own events among them).
    const work = due.map((c) => ({ known: { state: c.state, revision: c.revision }, steps: this.stepsOf(c, workday) })).filter((w) => w.steps.length > 0);
    await pool(work, CONCURRENCY, async ({ known, steps }) => {
      // Decided on the case as folded, then on what each step left, and appended together: one
      // append and one commit to wait for per case and turn.
      const metas = steps.map(([, who]) => ({ actor: actorOf(who), correlationId: randomUUID() }));
      const series = caseSeries(this.runtime, this.events, known.state.caseId, known);
      try {
        for (const [i, [step, who]] of steps.entries()) await series.take(step, who, metas[i]);
        await series.append();
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // Another writer moved the case since the fold (nothing of the series was written): the
        // steps one at a time on fresh loads, as the routes take them.
        for (const [i, [step, who]] of steps.entries()) await takeCaseStep(this.runtime, this.events, step, who, metas[i]);
      }
      this.counts.steps += steps.length;
    });
    const t4 = performance.now();
    this.timings.stepsIdle += performance.eventLoopUtilization(loop3).idle;
    this.timings.reactor += t1 - t0;
    this.timings.scheduler += t2 - t1;
    this.timings.fold += t3 - t2;
    this.timings.steps += t4 - t3;
  }

  /**
   * Folds the cases' events appended since the last turn (the reactor's, the scheduler's, the
   * steps'). A subscription rather than reads of its own: the store's log feed hands it the same
   * parsed batches as the reactor and the scheduler, which follow the same tail, so the CLI does
   * not read and parse the ~880k events a second time only to pick the cases' ones.
   */
  private async fold(): Promise<void> {
    await this.subscription?.caughtUp();
    if (this.failure !== undefined) throw this.failure;
  }

  private follow(batch: RecordedEvent[]): Promise<void> {
    for (const event of batch) if (event.stream.startsWith('rectification-')) this.apply(event as RecordedEvent & RectificationEvent);
    return Promise.resolve();
  }

  private apply(event: RecordedEvent & RectificationEvent): void {
    const known = this.cases.get(event.data.caseId);
    const next: CaseState = evolveCase(known?.state ?? initialCaseState(), event);
    if (!next.exists) return;
    if (!known) {
      const key = evaluationKey(next);
      const nth = this.openedPer.get(key) ?? 0;
      this.openedPer.set(key, nth + 1);
      const behaviour = caseBehaviour(this.seed, next, nth, nth === 0 && this.upheld.has(key));
      this.cases.set(next.caseId, { state: next, revision: event.revision, behaviour, workTurns: 0, turns: 0 });
      return;
    }
    if (next.status !== known.state.status || next.round !== known.state.round) {
      known.workTurns = 0;
      known.turns = 0;
    }
    known.state = next;
    known.revision = event.revision;
    if (next.status === 'closed') this.cases.delete(next.caseId);
  }

  /** What this case's people do at this turn, in order (one case's steps go one after another). */
  private stepsOf({ state: s, behaviour: b, workTurns, turns }: Tracked, workday: boolean): [PersonsCaseStep, Principal][] {
    const caseId = s.caseId;
    const agency: Principal = { role: 'agency', sub: `${s.agencyId}-staff`, agencyId: s.agencyId };
    const enterprise: Principal = { role: 'enterprise', sub: s.creditCode };
    const steps: [PersonsCaseStep, Principal][] = [];
    if (workday && s.appeal === 'pending') {
      const upheld = b.appeal === 'upheld';
      const reason = upheld ? '经核查，该评价与事实不符' : '经核查，评价属实，申诉不予支持';
      steps.push([{ type: 'DecideAppeal', data: { caseId, upheld, reason } }, CENTRE]);
      if (upheld) return steps;
    }
    const round = Math.min(s.round, 2) - 1;
    if (workday && s.status === 'open' && workTurns > b.contactWait) {
      steps.push(b.unreachable
        ? [{ type: 'CloseCase', data: { caseId, outcome: 'unreachable', note: '多次电话联系未果' } }, CENTRE]
        : [{ type: 'RecordContact', data: { caseId, channel: 'phone', summary: '电话回访企业，了解差评原因' } }, CENTRE]);
      if (b.unreachable) return steps;
    }
    if (workday && s.appeal === 'none' && b.appeal !== 'none') {
      steps.push([{ type: 'FileAppeal', data: { caseId, reason: '该评价与本单位办理情况不符，申请复核' } }, agency]);
    }
    if (workday && s.status === 'contacted' && workTurns > b.reports[round].afterDays) {
      const { kind } = b.reports[round];
      const actions = kind === 'rectified' ? '已优化办事流程，明确办结时限并向企业反馈' : '经核实，相关事项受政策所限，已向企业解释说明';
      steps.push([{ type: 'ReportRectification', data: { caseId, kind, actions } }, agency]);
    }
    const followUp = b.followUps[round];
    if (s.status === 'reported' && followUp && turns >= followUp.afterDays) {
      steps.push([{ type: 'RateFollowUp', data: { caseId, level: followUp.level, comment: null } }, enterprise]);
    }
    if (workday && s.status === 'escalated') {
      steps.push([{ type: 'CloseCase', data: { caseId, outcome: 'explained', note: '中心督办，已当面解释说明' } }, CENTRE]);
    }
    return steps;
  }
}
