/**
 * One campaign of the demo as a participant of the timeline (./timeline.ts): at each turn the
 * ballots' actions recorded since the last turn, through the ballot routes' own decision, each
 * decided on the ballot as this participant last left it (no load per action), a ballot's
 * actions of the turn appended together; the campaign closes
 * when its time comes and is published twenty days later, once no appeal awaits a decision (an
 * upheld one changes the figures). A published campaign has nothing left to do: a re-run skips
 * it, and a ballot resumes after the actions its stream already holds.
 */
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@survey/event-store';
import {
  BallotEvent, ballotDecider, BallotState, campaignDecider, CampaignState, EnterpriseEvent, enterpriseDecider, EnterpriseState, streams,
} from '@survey/domain';
import {
  Aggregates, CloseCampaignCommand, CommandMeta, Loaded, ManualClock, pool, PublishResultsCommand, ballotSeries, systemMeta,
} from '@survey/application';
import type { DemoBallot, DemoCampaign } from './demo-plan';
import { DAY_MS, DemoParticipant, firstTurnOf } from './timeline';

/** Ballots decided at once in a turn: their appends share the event store's group commits. */
const CONCURRENCY = 2048;
const PAGE = 5000;
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
  /** Each ballot's action times in ms, parsed once. */
  private readonly times = new Map<DemoBallot, Float64Array>();
  /** Where each ballot's replay stands: the index of its next action. */
  private readonly next = new Map<DemoBallot, number>();
  /** Each ballot's state and revision as this participant decided them (or found them in the log). */
  private readonly known = new Map<DemoBallot, Loaded<BallotState>>();
  private state: CampaignState | undefined;
  /**
   * The ballots' enterprises as the log holds them when the turns start (registered by the import
   * before; nothing changes them meanwhile): a ballot's decision reads them from here, with the
   * campaign as this participant last loaded it, instead of a look-up per ballot (ballotSeries' `held`).
   */
  private readonly enterprises = new Map<string, EnterpriseState>();

  constructor(private readonly campaign: DemoCampaign, private readonly ballots: readonly DemoBallot[], private readonly deps: CampaignTurnsDeps) {
    this.closes = Date.parse(campaign.closesAt);
    this.publishAt = this.closes + 20 * DAY_MS;
    const firstTurn = firstTurnOf(campaign.opensAt);
    for (const ballot of ballots) {
      const times = new Float64Array(ballot.actions.length);
      this.times.set(ballot, times);
      for (const [i, action] of ballot.actions.entries()) {
        const t = (times[i] = Date.parse(action.at));
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
    else await this.foldRecorded();
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

  /**
   * The ballots as the log holds them, in one read of it: each one's state and revision, and how
   * many of its actions are recorded (each demo action appended exactly one event; an upheld
   * appeal's invalidation is the loop's).
   */
  private async foldRecorded(): Promise<void> {
    const byStream = new Map(this.ballots.map((b) => [streams.ballot(b.campaignId, b.creditCode), b] as const));
    const enterpriseStreams = new Map(this.ballots.map((b) => [streams.enterprise(b.creditCode), b.creditCode] as const));
    const { events, progress } = this.deps;
    const head = await events.headPosition();
    for (let position = 0; position < head; ) {
      const page = await events.readAll(position, PAGE);
      if (page.length === 0) break;
      for (const event of page) {
        const creditCode = enterpriseStreams.get(event.stream);
        if (creditCode !== undefined) {
          this.enterprises.set(creditCode, enterpriseDecider.evolve(this.enterprises.get(creditCode) ?? enterpriseDecider.initialState(), event as RecordedEvent & EnterpriseEvent));
          continue;
        }
        const ballot = byStream.get(event.stream);
        if (!ballot) continue;
        const known = this.known.get(ballot) ?? { state: ballotDecider.initialState(), revision: -1 };
        this.known.set(ballot, { state: ballotDecider.evolve(known.state, event as RecordedEvent & BallotEvent), revision: event.revision });
        if (event.type !== 'EvaluationInvalidated') this.next.set(ballot, Math.min((this.next.get(ballot) ?? 0) + 1, ballot.actions.length));
      }
      position = page[page.length - 1].position;
    }
    progress.advance([...this.next.values()].reduce((n, k) => n + k, 0), this.campaign.id);
  }

  /**
   * Replays the ballot's actions recorded before `cutoff` through the ballot routes' own decision
   * (ballotSeries: submitEvaluation's and withdrawEvaluation's), each decided on the state the
   * previous left and recorded at its own time, and appended together: one group commit for the
   * turn's actions of every ballot rather than a commit's wait per action.
   */
  private async replayUntil(ballot: DemoBallot, cutoff: number): Promise<void> {
    const { campaignId, creditCode } = ballot;
    const { aggregates, progress } = this.deps;
    const first = this.next.get(ballot) ?? 0;
    const held = () => ({ campaign: this.state ?? campaignDecider.initialState(), enterprise: this.enterprises.get(creditCode) ?? enterpriseDecider.initialState() });
    const series = ballotSeries(aggregates, campaignId, creditCode, this.known.get(ballot) ?? { state: ballotDecider.initialState(), revision: -1 }, held);
    let next = first;
    const times = this.times.get(ballot)!;
    for (; next < ballot.actions.length && times[next] < cutoff; next++) {
      const action = ballot.actions[next];
      this.advanceTo(times[next]);
      const who = { actor: { role: 'enterprise' as const, sub: creditCode }, correlationId: randomUUID() };
      const { agencyId } = action;
      await series.take(action.kind === 'submit'
        ? { type: 'SubmitEvaluation', data: { campaignId, creditCode, agencyId, rating: action.rating, answers: action.answers as Record<string, string>, comment: action.comment } }
        : { type: 'WithdrawEvaluation', data: { campaignId, creditCode, agencyId } }, who);
    }
    await series.append();
    progress.advance(next - first, campaignId);
    this.next.set(ballot, next);
    this.known.set(ballot, series.known());
  }

  /** The clock only moves forward, so concurrent ballots never record time going backwards. */
  private advanceTo(at: number): void {
    if (at > this.deps.clock.now().getTime()) this.deps.clock.set(new Date(at));
  }
}

const meta = (): CommandMeta => ({ ...systemMeta(), actor: admin });
