/**
 * Replays the demo plan through the command path (the same command handlers as HTTP; the
 * enterprises through the CSV import) on ONE timeline of daily turns (./timeline.ts): each
 * campaign's ballots with its closing and publication (./campaign-turns.ts), then the
 * rectification loop (./loop/case-loop.ts), then any further participant (the requests), from
 * the first campaign's opening until every participant is done. The server clock is a manual one
 * that follows the plan's times, so every event is recorded when the plan says it happened.
 * Re-running is safe: published campaigns are skipped, a ballot resumes after the actions its
 * stream already holds, and the loop picks up the cases the log left open.
 */
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { EventStore } from '@survey/event-store';
import { Conflict } from '@survey/domain';
import { Aggregates, CommandMeta, ManualClock, OpenCampaignCommand, systemMeta } from '@survey/application';
import type { DemoCampaign, DemoPlan } from './demo-plan';
import { importDemoEnterprises } from './demo-import';
import type { DemoCaseLoop } from './loop/case-loop';
import { DemoCampaignTurns, SeedProgress } from './campaign-turns';
import { DAY_MS, DemoParticipant, firstTurnOf, runTimeline } from './timeline';
import { timed, timedParticipant } from './demo-timing';

export type { SeedProgress } from './campaign-turns';
export type { DemoParticipant } from './timeline';

/** A safety net: every simulated case (and request) ends well within this after the last publication. */
const MAX_DAYS_AFTER = 120;
const admin: CommandMeta['actor'] = { role: 'admin', sub: 'demo-admin' };

export class DemoSeeder {
  /**
   * `others`: participants played after the campaigns and the case loop at every turn (the
   * requests), built by the caller on the same clock.
   */
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly aggregates: Aggregates,
    private readonly clock: ManualClock,
    private readonly events: EventStore,
    private readonly loop: DemoCaseLoop,
    private readonly others: readonly DemoParticipant[] = [],
  ) {}

  static work(plan: DemoPlan): number {
    return plan.enterprises.length + plan.ballots.reduce((n, b) => n + b.actions.length, 0);
  }

  async seed(plan: DemoPlan, progress: SeedProgress): Promise<void> {
    const [first] = plan.campaigns;
    this.advanceTo(new Date(Date.parse(first.opensAt) - 14 * DAY_MS));
    for (const c of plan.campaigns) await this.open(c, plan);
    await timed('enterprises import', () => importDemoEnterprises(this.commands, this.queries, plan.enterprises, (rows) => progress.advance(rows, 'enterprises')));
    const deps = { commands: this.commands, aggregates: this.aggregates, events: this.events, clock: this.clock, progress, appealsPending: () => this.loop.appeals() };
    const campaigns = plan.campaigns.map((c) => new DemoCampaignTurns(c, plan.ballots.filter((b) => b.campaignId === c.id), deps));
    const lastPublication = Math.max(...plan.campaigns.map((c) => Date.parse(c.closesAt))) + 20 * DAY_MS;
    const participants = [
      ...campaigns.map((c, i) => timedParticipant(`${plan.campaigns[i].id} turns`, c)),
      timedParticipant('case loop', this.loop),
      ...this.others.map((p, i) => timedParticipant(`other ${i + 1}`, p)),
    ];
    await runTimeline(participants, firstTurnOf(first.opensAt), lastPublication + MAX_DAYS_AFTER * DAY_MS);
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

async function ignoring<T>(kind: new (...args: never[]) => Error, work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof kind) return undefined;
    throw e;
  }
}
