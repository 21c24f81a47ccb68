/**
 * The demo's requests participant: at each daily turn of the demo's timeline (09:00 in Xuzhou, on
 * the demo's manual clock) it files the plan's requests due that day and has the centre, the
 * agencies and the enterprises take their next steps (./request-behaviour.ts), all through the
 * CommandBus with the commands the request routes send (FileRequestCommand with the plan's
 * Idempotency-Key, RequestStepCommand). The missed deadlines and the not-rated closings are the
 * demo's DeadlineScheduler's, which follows requests as well as cases (../loop/case-loop.ts).
 *
 * Where each request stands is read from its stream at every turn, never kept from a past run: a
 * request's id derives from its Idempotency-Key and its filer, so a re-run finds what the log holds
 * and appends nothing, and an interrupted run resumes. Distinct requests' steps go at once, so their
 * appends share the event store's group commit.
 */
import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  actorOf, FileRequestCommand, idempotentRequestId, ListAgenciesQuery, ManualClock, pool, Principal, RequestRuntime, RequestStepCommand,
} from '@survey/application';
import { isoDay, localDayOf, RequestEvent, streams, WorkingDayCalendar } from '@survey/domain';
import type { LocalDay } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import type { DemoParticipant } from '../timeline';
import { idempotencyKey, PlannedRequest } from './request-plan';
import { isFinished, nextRequestStep, RequestFacts, requestFacts, RequestPerson, TurnDay } from './request-behaviour';

const CONCURRENCY = 64;
const CENTRE: Principal = { role: 'centre', sub: 'demo-centre-staff' };
/** How long start() waits for the projector to list the campaigns' agencies in the directory (dispatch needs them). */
const DIRECTORY_WAIT_MS = 120_000;

export interface RequestCounts {
  filed: number;
  steps: number;
}

/** What the request report does not count, counted in the plan's requests' streams (the log). */
export interface RequestOutcomes {
  extensionsAsked: number;
  extensionsGranted: number;
  reopened: number;
  withdrawn: number;
  notRated: number;
  deadlinesMissed: number;
}

export class DemoRequests implements DemoParticipant {
  private readonly events: EventStore;
  private readonly commands: CommandBus;
  private readonly queries: QueryBus;
  private readonly calendar: WorkingDayCalendar;
  /** The plan's requests' ids by their place in the plan (an id derives from the filer and the Idempotency-Key). */
  private readonly ids: Map<number, string>;
  private readonly filed = new Set<number>();
  private readonly finished = new Set<number>();
  /**
   * A request as last read from its stream, until its own next step: only the scheduler appends to
   * it meanwhile, and of the scheduler's steps only the not-rated closing changes what happens next
   * (`closableBy`). Saves reading every open request's stream at every turn.
   */
  private readonly seen = new Map<number, RequestFacts>();
  readonly counts: RequestCounts = { filed: 0, steps: 0 };

  constructor(app: INestApplicationContext, private readonly clock: ManualClock, private readonly plan: readonly PlannedRequest[]) {
    this.events = app.get<EventStore>(EVENT_STORE);
    this.commands = app.get(CommandBus);
    this.queries = app.get(QueryBus);
    this.calendar = app.get(RequestRuntime, { strict: false }).calendar();
    this.ids = new Map(plan.map((r) => [r.n, idempotentRequestId(filerOf(r), idempotencyKey(r.n))]));
  }

  /** What the log already holds of the plan, and the directory's knowing the agencies the plan dispatches to. */
  async start(): Promise<void> {
    await pool(this.plan, CONCURRENCY, async (r) => {
      const facts = await this.factsOf(r.n);
      if (facts) this.filed.add(r.n);
      if (facts && isFinished(facts.state)) this.finished.add(r.n);
    });
    if (this.finished.size < this.plan.length) await this.directoryKnows(new Set(this.plan.flatMap((r) => r.agencies)));
  }

  async stop(): Promise<void> {
    // Nothing runs between turns.
  }

  /** Requests of the plan not closed yet (those not filed yet included). */
  pending(): number {
    return this.plan.length - this.finished.size;
  }

  /** One turn at `at`: the filings due, then each open request's next step. */
  async turn(at: Date): Promise<void> {
    if (at.getTime() > this.clock.now().getTime()) this.clock.set(at);
    const today = localDayOf(at);
    const workday = this.calendar.isWorkingDay(today);
    const day: TurnDay = { today, workday, workingDaysSince: (from) => this.workingDaysBetween(from, today) };
    const open = this.plan.filter((r) => this.filed.has(r.n) && !this.finished.has(r.n));
    const due = this.plan.filter((r) => !this.filed.has(r.n) && r.filedOn <= isoDay(today) && (r.filer.by === 'enterprise' || workday));
    await pool(due, CONCURRENCY, (r) => this.file(r));
    await pool(open, CONCURRENCY, async (r) => {
      const seen = this.seen.get(r.n);
      if (seen && !nextRequestStep(r, seen, day) && !closableBy(seen, at)) return;
      const facts = await this.factsOf(r.n);
      if (!facts || isFinished(facts.state)) {
        if (facts) this.finished.add(r.n);
        return;
      }
      this.seen.set(r.n, facts);
      const next = nextRequestStep(r, facts, day);
      if (!next) return;
      const who = this.personOf(next.by, r, facts);
      const detail = await this.commands.execute(new RequestStepCommand(next.step, who, { actor: actorOf(who), correlationId: randomUUID() }));
      this.counts.steps++;
      this.seen.delete(r.n);
      if (detail.status === 'closed' || detail.status === 'withdrawn') this.finished.add(r.n);
    });
  }

  /** The steps the report does not count, in the plan's requests as the log holds them (a re-run counts the same). */
  async outcomes(): Promise<RequestOutcomes> {
    const o: RequestOutcomes = { extensionsAsked: 0, extensionsGranted: 0, reopened: 0, withdrawn: 0, notRated: 0, deadlinesMissed: 0 };
    await pool([...this.ids.values()], CONCURRENCY, async (id) => {
      for (const e of (await this.events.readStream(streams.request(id))) as unknown as RequestEvent[]) {
        if (e.type === 'RequestExtensionAsked') o.extensionsAsked++;
        else if (e.type === 'RequestExtensionDecided' && e.data.granted) o.extensionsGranted++;
        else if (e.type === 'RequestReopened') o.reopened++;
        else if (e.type === 'RequestWithdrawn') o.withdrawn++;
        else if (e.type === 'RequestClosed' && e.data.outcome === 'not-rated') o.notRated++;
        else if (e.type === 'RequestDeadlineMissed') o.deadlinesMissed++;
      }
    });
    return o;
  }

  private async file(r: PlannedRequest): Promise<void> {
    const who = filerOf(r);
    const { category, title, description, suggestedAgencyId: agencyId, creditCode } = r;
    const body = r.filer.by === 'centre' ? { category, title, description, agencyId, creditCode, channel: r.filer.channel } : { category, title, description, agencyId };
    const { created } = await this.commands.execute(new FileRequestCommand(body, idempotencyKey(r.n), who, { actor: actorOf(who), correlationId: randomUUID() }));
    this.filed.add(r.n);
    if (created) this.counts.filed++;
  }

  private async factsOf(n: number): Promise<RequestFacts | null> {
    const events = await this.events.readStream(streams.request(this.ids.get(n)!));
    return requestFacts(events as unknown as RequestEvent[]);
  }

  private personOf(by: RequestPerson, r: PlannedRequest, facts: RequestFacts): Principal {
    if (by === 'centre') return CENTRE;
    if (by === 'enterprise') return { role: 'enterprise', sub: r.creditCode };
    const agencyId = facts.state.agencyId!;
    return { role: 'agency', sub: `${agencyId}-staff`, agencyId };
  }

  /** Working days after `from` up to `to`, `to` included. */
  private workingDaysBetween(from: LocalDay, to: LocalDay): number {
    let n = 0;
    for (let d = from + 1; d <= to; d++) if (this.calendar.isWorkingDay(d)) n++;
    return n;
  }

  private async directoryKnows(agencyIds: Set<string>): Promise<void> {
    const deadline = Date.now() + DIRECTORY_WAIT_MS;
    for (;;) {
      const { agencies } = await this.queries.execute(new ListAgenciesQuery());
      const missing = [...agencyIds].filter((id) => !agencies.some((a) => a.agencyId === id));
      if (missing.length === 0) return;
      if (Date.now() > deadline) throw new Error(`demo: the agency directory does not list ${missing.join(', ')}: are the campaigns opened and the projections folding?`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The scheduler may have closed it not-rated by now: read it again. */
const closableBy = ({ state }: RequestFacts, at: Date) => state.status === 'resolved' && state.rateDue !== null && Date.parse(state.rateDue) <= at.getTime();

/** Who files it: the enterprise itself, or the centre's staff on its behalf. */
const filerOf = (r: PlannedRequest): Principal => (r.filer.by === 'centre' ? CENTRE : { role: 'enterprise', sub: r.creditCode });
