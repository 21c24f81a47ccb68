/**
 * Replays the demo plan through the command path (the same command handlers as HTTP; the
 * enterprises through the CSV import), many ballots at a time so the event store's group commit
 * can batch their appends. The server clock
 * is a manual one that follows the plan's times, so every event is recorded when the plan says
 * it happened. The rectification loop plays along in daily turns (./loop/case-loop.ts). Re-running
 * is safe: published campaigns are skipped, and a ballot resumes after the actions its stream
 * already holds.
 */
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { EventStore } from '@survey/event-store';
import { campaignDecider, Conflict, streams } from '@survey/domain';
import {
  Aggregates, CloseCampaignCommand, CommandMeta, ManualClock, OpenCampaignCommand, pool, PublishResultsCommand,
  SubmitEvaluationCommand, systemMeta, WithdrawEvaluationCommand,
} from '@survey/application';
import type { DemoBallot, DemoCampaign, DemoPlan } from './demo-plan';
import { importDemoEnterprises } from './demo-import';
import type { DemoCaseLoop } from './loop/case-loop';

const CONCURRENCY = 512;
const DAY_MS = 86_400_000;
/** The hour (Xuzhou time) of the daily turn: before the office hours' visits, after the night's. */
const TURN_HOUR = 9;
/** A safety net: every simulated case ends well within this. */
const MAX_DAYS_AFTER = 120;
const admin: CommandMeta['actor'] = { role: 'admin', sub: 'demo-admin' };

export interface SeedProgress {
  total: number;
  advance(steps: number, phase: string): void;
}

export class DemoSeeder {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly aggregates: Aggregates,
    private readonly clock: ManualClock,
    private readonly events: EventStore,
    private readonly loop: DemoCaseLoop,
  ) {}

  /** Where each ballot's replay stands: the index of its next action. */
  private readonly next = new Map<DemoBallot, number>();

  static work(plan: DemoPlan): number {
    return plan.enterprises.length + plan.ballots.reduce((n, b) => n + b.actions.length, 0);
  }

  async seed(plan: DemoPlan, progress: SeedProgress): Promise<void> {
    const [first] = plan.campaigns;
    this.advanceTo(new Date(Date.parse(first.opensAt) - 14 * 86_400_000));
    for (const c of plan.campaigns) await this.open(c, plan);
    await importDemoEnterprises(this.commands, this.queries, plan.enterprises, (rows) => progress.advance(rows, 'enterprises'));
    const unpublished: DemoCampaign[] = [];
    for (const campaign of plan.campaigns) {
      const { state } = await this.aggregates.load(streams.campaign(campaign.id), campaignDecider);
      if (state.exists && state.publishedAt) progress.advance(actionsOf(plan, campaign.id), campaign.id);
      else unpublished.push(campaign);
    }
    if (unpublished.length === 0) return;
    await this.loop.start();
    try {
      for (const campaign of unpublished) await this.playInTurns(campaign, plan.ballots.filter((b) => b.campaignId === campaign.id), progress);
    } finally {
      await this.loop.stop();
    }
  }

  /**
   * One turn a day at 09:00 in Xuzhou: first the ballots' actions recorded since the last turn,
   * then the case loop's turn (./loop/case-loop.ts). The campaign closes when its time comes and is
   * published twenty days later, once no appeal awaits a decision (an upheld one changes the
   * figures); the turns go on until every case is closed, so the API served afterwards on the real
   * clock finds no 2018 or 2019 deadline left to miss.
   */
  private async playInTurns(campaign: DemoCampaign, ballots: DemoBallot[], progress: SeedProgress): Promise<void> {
    const closes = Date.parse(campaign.closesAt);
    const publishAt = closes + 20 * DAY_MS;
    const firstTurn = Date.parse(campaign.opensAt) + TURN_HOUR * 3600_000; // opensAt is midnight in Xuzhou
    const slices = new Map<number, DemoBallot[]>();
    for (const ballot of ballots) {
      for (const action of ballot.actions) {
        const t = Date.parse(action.at);
        const k = t < firstTurn ? 0 : Math.floor((t - firstTurn) / DAY_MS) + 1;
        const slice = slices.get(k) ?? [];
        if (slice[slice.length - 1] !== ballot) slice.push(ballot);
        slices.set(k, slice);
      }
    }
    let closed = (await this.aggregates.load(streams.campaign(campaign.id), campaignDecider)).state;
    for (let k = 0; ; k++) {
      const at = firstTurn + k * DAY_MS;
      await pool(slices.get(k) ?? [], CONCURRENCY, (b) => this.replayUntil(b, at, progress));
      if (at > closes && closed.exists && !closed.closedAt) {
        this.advanceTo(new Date(closes));
        await this.commands.execute(new CloseCampaignCommand(campaign.id, meta()));
        closed = (await this.aggregates.load(streams.campaign(campaign.id), campaignDecider)).state;
      }
      if (at >= publishAt && closed.exists && !closed.publishedAt) {
        if (this.loop.pending.appeals > 0) throw new Error(`demo: ${this.loop.pending.appeals} appeals still undecided when ${campaign.id} is published`);
        this.advanceTo(new Date(publishAt));
        await this.commands.execute(new PublishResultsCommand(campaign.id, meta()));
        closed = (await this.aggregates.load(streams.campaign(campaign.id), campaignDecider)).state;
      }
      await this.loop.turn(new Date(at));
      if (closed.exists && closed.publishedAt && this.loop.pending.open === 0) return;
      if (at > publishAt + MAX_DAYS_AFTER * DAY_MS) throw new Error(`demo: ${this.loop.pending.open} cases still open ${MAX_DAYS_AFTER} days after ${campaign.id} was published`);
    }
  }

  /** Replays the ballot's actions recorded before `cutoff`, resuming after what its stream already holds. */
  private async replayUntil(ballot: DemoBallot, cutoff: number, progress: SeedProgress): Promise<void> {
    const { campaignId, creditCode } = ballot;
    let next = this.next.get(ballot);
    if (next === undefined) {
      // Each demo action appended exactly one event; an upheld appeal's invalidation is the loop's.
      const recorded = await this.events.readStream(streams.ballot(campaignId, creditCode));
      next = Math.min(recorded.filter((e) => e.type !== 'EvaluationInvalidated').length, ballot.actions.length);
      progress.advance(next, campaignId);
    }
    for (; next < ballot.actions.length && Date.parse(ballot.actions[next].at) < cutoff; next++) {
      const action = ballot.actions[next];
      this.advanceTo(new Date(action.at));
      const who = { actor: { role: 'enterprise' as const, sub: creditCode }, correlationId: meta().correlationId };
      if (action.kind === 'submit') {
        const { agencyId, rating, answers, comment } = action;
        await this.commands.execute(new SubmitEvaluationCommand({ campaignId, creditCode, agencyId, rating, answers: answers as Record<string, string>, comment }, who));
      } else {
        await this.commands.execute(new WithdrawEvaluationCommand({ campaignId, creditCode, agencyId: action.agencyId }, who));
      }
      progress.advance(1, campaignId);
    }
    this.next.set(ballot, next);
  }

  private async open(c: DemoCampaign, plan: DemoPlan): Promise<void> {
    const data = { campaignId: c.id, year: c.year, title: c.title, opensAt: c.opensAt, closesAt: c.closesAt, agencies: plan.agencies };
    await ignoring(Conflict, this.commands.execute(new OpenCampaignCommand(data, meta())));
  }

  /** The clock only moves forward, so concurrent ballots never record time going backwards. */
  private advanceTo(at: Date): void {
    if (at.getTime() > this.clock.now().getTime()) this.clock.set(at);
  }
}

const meta = (): CommandMeta => ({ ...systemMeta(), actor: admin });
const actionsOf = (plan: DemoPlan, campaignId: string) => plan.ballots.reduce((n, b) => n + (b.campaignId === campaignId ? b.actions.length : 0), 0);

async function ignoring<T>(kind: new (...args: never[]) => Error, work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof kind) return undefined;
    throw e;
  }
}
