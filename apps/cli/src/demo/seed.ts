/**
 * Replays the demo plan through the command path (the same command handlers as HTTP; the
 * enterprises through the CSV import), many ballots at a time so the event store's group commit
 * can batch their appends. The server clock
 * is a manual one that follows the plan's times, so every event is recorded when the plan says
 * it happened. Re-running is safe: finished campaigns are skipped, and a ballot resumes after the
 * actions its stream already holds.
 */
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ballotDecider, campaignDecider, Conflict, streams } from '@survey/domain';
import {
  Aggregates, CloseCampaignCommand, CommandMeta, ManualClock, OpenCampaignCommand, pool, PublishResultsCommand,
  SubmitEvaluationCommand, systemMeta, WithdrawEvaluationCommand,
} from '@survey/application';
import type { DemoBallot, DemoCampaign, DemoPlan } from './demo-plan';
import { importDemoEnterprises } from './demo-import';

const CONCURRENCY = 512;
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
  ) {}

  static work(plan: DemoPlan): number {
    return plan.enterprises.length + plan.ballots.reduce((n, b) => n + b.actions.length, 0);
  }

  async seed(plan: DemoPlan, progress: SeedProgress): Promise<void> {
    const [first] = plan.campaigns;
    this.advanceTo(new Date(Date.parse(first.opensAt) - 14 * 86_400_000));
    for (const c of plan.campaigns) await this.open(c, plan);
    await importDemoEnterprises(this.commands, this.queries, plan.enterprises, (rows) => progress.advance(rows, 'enterprises'));
    for (const campaign of plan.campaigns) {
      const ballots = plan.ballots.filter((b) => b.campaignId === campaign.id);
      const { state } = await this.aggregates.load(streams.campaign(campaign.id), campaignDecider);
      if (state.exists && !state.closedAt) {
        await pool(ballots, CONCURRENCY, (b) => this.replay(b, progress));
      } else {
        progress.advance(ballots.reduce((n, b) => n + b.actions.length, 0), campaign.id);
      }
      await this.closeAndPublish(campaign);
    }
  }

  private async open(c: DemoCampaign, plan: DemoPlan): Promise<void> {
    const data = { campaignId: c.id, year: c.year, title: c.title, opensAt: c.opensAt, closesAt: c.closesAt, agencies: plan.agencies };
    await ignoring(Conflict, this.commands.execute(new OpenCampaignCommand(data, meta())));
  }

  private async replay(ballot: DemoBallot, progress: SeedProgress): Promise<void> {
    const { campaignId, creditCode } = ballot;
    const { revision } = await this.aggregates.load(streams.ballot(campaignId, creditCode), ballotDecider);
    const done = revision + 1; // each demo action appended exactly one event
    progress.advance(Math.min(done, ballot.actions.length), campaignId);
    for (const action of ballot.actions.slice(done)) {
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
  }

  private async closeAndPublish(c: DemoCampaign): Promise<void> {
    const { state } = await this.aggregates.load(streams.campaign(c.id), campaignDecider);
    if (!state.exists || state.publishedAt) return;
    this.advanceTo(new Date(c.closesAt));
    if (!state.closedAt) await this.commands.execute(new CloseCampaignCommand(c.id, meta()));
    this.advanceTo(new Date(Date.parse(c.closesAt) + 20 * 86_400_000));
    await this.commands.execute(new PublishResultsCommand(c.id, meta()));
  }

  /** The clock only moves forward, so concurrent ballots never record time going backwards. */
  private advanceTo(at: Date): void {
    if (at.getTime() > this.clock.now().getTime()) this.clock.set(at);
  }
}

const meta = (): CommandMeta => ({ ...systemMeta(), actor: admin });

async function ignoring<T>(kind: new (...args: never[]) => Error, work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof kind) return undefined;
    throw e;
  }
}
