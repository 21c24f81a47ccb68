/**
 * One campaign of the demo as a participant of the timeline (./timeline.ts): at each turn the
 * ballots' actions recorded since the last turn, through the command path; the campaign closes
 * when its time comes and is published twenty days later, once no appeal awaits a decision (an
 * upheld one changes the figures). A published campaign has nothing left to do: a re-run skips
 * it, and a ballot resumes after the actions its stream already holds.
 */
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@survey/event-store';
import { campaignDecider, CampaignState, streams } from '@survey/domain';
import {
  Aggregates, CloseCampaignCommand, CommandMeta, ManualClock, pool, PublishResultsCommand, SubmitEvaluationCommand, systemMeta,
  WithdrawEvaluationCommand,
} from '@survey/application';
import type { DemoBallot, DemoCampaign } from './demo-plan';
import { DAY_MS, DemoParticipant, firstTurnOf } from './timeline';

const CONCURRENCY = 512;
const admin: CommandMeta['actor'] = { role: 'admin', sub: 'demo-admin' };

export interface SeedProgress {
  total: number;
  advance(steps: number, phase: string): void;
}

export interface CampaignTurnsDeps {
  commands: CommandBus;
  aggregates: Aggregates;
  events: EventStore;
  clock: ManualClock;
  progress: SeedProgress;
  /** Appeals awaiting the centre's decision (the case loop's): publishing before them is a bug. */
  appealsPending(): number;
}

export class DemoCampaignTurns implements DemoParticipant {
  private readonly firstTurn: number;
  private readonly closes: number;
  private readonly publishAt: number;
  /** The ballots acting in each turn (turn 0: before the first). */
  private readonly slices = new Map<number, DemoBallot[]>();
  /** Where each ballot's replay stands: the index of its next action. */
  private readonly next = new Map<DemoBallot, number>();
  private state: CampaignState | undefined;

  constructor(private readonly campaign: DemoCampaign, private readonly ballots: readonly DemoBallot[], private readonly deps: CampaignTurnsDeps) {
    this.closes = Date.parse(campaign.closesAt);
    this.publishAt = this.closes + 20 * DAY_MS;
    const firstTurn = firstTurnOf(campaign.opensAt);
    for (const ballot of ballots) {
      for (const action of ballot.actions) {
        const t = Date.parse(action.at);
        const k = t < firstTurn ? 0 : Math.floor((t - firstTurn) / DAY_MS) + 1;
        const slice = this.slices.get(k) ?? [];
        if (slice[slice.length - 1] !== ballot) slice.push(ballot);
        this.slices.set(k, slice);
      }
    }
    this.firstTurn = firstTurn;
  }

  async start(): Promise<void> {
    this.state = await this.load();
    if (this.published()) this.deps.progress.advance(this.ballots.reduce((n, b) => n + b.actions.length, 0), this.campaign.id);
  }

  pending(): number {
    return this.published() ? 0 : 1;
  }

  async turn(at: Date): Promise<void> {
    if (this.published() || !this.state?.exists) return;
    const t = at.getTime();
    // The turns before this campaign's first are quiet; turn k takes what was recorded in the day before it.
    if (t >= this.firstTurn) {
      const k = Math.round((t - this.firstTurn) / DAY_MS);
      await pool(this.slices.get(k) ?? [], CONCURRENCY, (b) => this.replayUntil(b, t));
    }
    if (t > this.closes && !this.state.closedAt) {
      this.advanceTo(this.closes);
      await this.deps.commands.execute(new CloseCampaignCommand(this.campaign.id, meta()));
      this.state = await this.load();
    }
    if (t >= this.publishAt && this.state.exists && !this.state.publishedAt) {
      const appeals = this.deps.appealsPending();
      if (appeals > 0) throw new Error(`demo: ${appeals} appeals still undecided when ${this.campaign.id} is published`);
      this.advanceTo(this.publishAt);
      await this.deps.commands.execute(new PublishResultsCommand(this.campaign.id, meta()));
      this.state = await this.load();
    }
  }

  async stop(): Promise<void> {}

  private published(): boolean {
    return Boolean(this.state?.exists && this.state.publishedAt);
  }

  private async load(): Promise<CampaignState> {
    return (await this.deps.aggregates.load(streams.campaign(this.campaign.id), campaignDecider)).state;
  }

  /** Replays the ballot's actions recorded before `cutoff`, resuming after what its stream already holds. */
  private async replayUntil(ballot: DemoBallot, cutoff: number): Promise<void> {
    const { campaignId, creditCode } = ballot;
    const { commands, events, progress } = this.deps;
    let next = this.next.get(ballot);
    if (next === undefined) {
      // Each demo action appended exactly one event; an upheld appeal's invalidation is the loop's.
      const recorded = await events.readStream(streams.ballot(campaignId, creditCode));
      next = Math.min(recorded.filter((e) => e.type !== 'EvaluationInvalidated').length, ballot.actions.length);
      progress.advance(next, campaignId);
    }
    for (; next < ballot.actions.length && Date.parse(ballot.actions[next].at) < cutoff; next++) {
      const action = ballot.actions[next];
      this.advanceTo(Date.parse(action.at));
      const who = { actor: { role: 'enterprise' as const, sub: creditCode }, correlationId: meta().correlationId };
      if (action.kind === 'submit') {
        const { agencyId, rating, answers, comment } = action;
        await commands.execute(new SubmitEvaluationCommand({ campaignId, creditCode, agencyId, rating, answers: answers as Record<string, string>, comment }, who));
      } else {
        await commands.execute(new WithdrawEvaluationCommand({ campaignId, creditCode, agencyId: action.agencyId }, who));
      }
      progress.advance(1, campaignId);
    }
    this.next.set(ballot, next);
  }

  /** The clock only moves forward, so concurrent ballots never record time going backwards. */
  private advanceTo(at: number): void {
    if (at > this.deps.clock.now().getTime()) this.deps.clock.set(new Date(at));
  }
}

const meta = (): CommandMeta => ({ ...systemMeta(), actor: admin });
