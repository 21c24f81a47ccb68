/**
 * Publishing, a process of named steps: it freezes the headline as computed from read models that
 * have folded in the whole log, and records it in ResultsPublished with the log position it
 * reflects, the methodology (formula version, scale, questions) and its hash, and a seal of the log
 * taken just before, which covers every rating the figures come from.
 */
import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CampaignState, campaignDecider, PublishedSeal, PublishResults as PublishCommand, streams } from '@survey/domain';
import { HeadlineReport, Methodology, methodologyHash, methodologyOf } from '@survey/reporting';
import { Projections } from '../projections/projections';
import { CampaignReportQuery } from '../reports/campaign-report.query';
import { Aggregates } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';
import { Sealer } from '../seals/sealer';
import { CampaignView, campaignView } from './campaign.view';

export type Publication = CampaignView & { published: Record<string, unknown>; seal: PublishedSeal };

@Injectable()
export class PublishResults {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly projections: Projections,
    private readonly queries: QueryBus,
    private readonly sealer: Sealer,
  ) {}

  async run(campaignId: string, meta: CommandMeta): Promise<Publication> {
    const now = this.aggregates.now();
    const campaign = await this.mayBePublished(campaignId, now);
    await this.projections.catchUp();
    const report = await this.queries.execute(new CampaignReportQuery(campaignId));
    const seal = await this.seal();
    const state = await this.append(campaignId, report, campaign, seal, now, meta);
    // So that the public results (read from the read models) answer 200 as soon as publishing has.
    await this.projections.catchUp();
    return { ...campaignView(state.definition, state.closedAt, state.publishedAt, now), published: figuresOf(report), seal };
  }

  /** The decider's rules first, on the campaign as it stands: one that may not be published fails before any waiting. */
  private async mayBePublished(campaignId: string, now: Date): Promise<CampaignState> {
    const { state } = await this.aggregates.load(streams.campaign(campaignId), campaignDecider);
    campaignDecider.decide(publish(campaignId, 0, {}), state, { now });
    return state;
  }

  /** The whole log as it stands, after the report was read: the seal covers every rating the figures come from. */
  private async seal(): Promise<PublishedSeal> {
    const { position, count, rollingHash, sealedAt } = await this.sealer.sealNow();
    return { position, count, rollingHash, sealedAt };
  }

  private async append(
    campaignId: string, report: HeadlineReport, campaign: CampaignState, seal: PublishedSeal, now: Date, meta: CommandMeta,
  ): Promise<CampaignState & { exists: true }> {
    // The figures' methodology: the campaign's scale and questions, and the formulas' version.
    const method = campaign.exists ? methodologyOf(campaign.definition) : undefined;
    const command = publish(campaignId, Number(report.asOf.position), figuresOf(report), method, seal);
    const { state } = await this.aggregates.execute(streams.campaign(campaignId), campaignDecider, command, () => ({ now }), meta);
    if (!state.exists) throw new Error('unreachable: published a campaign that does not exist');
    return state;
  }
}

function publish(campaignId: string, position: number, figures: Record<string, unknown>, method?: Methodology, seal?: PublishedSeal): PublishCommand {
  return {
    type: 'PublishResults',
    data: { campaignId, position, figures, ...(method ? { methodology: method, methodologyHash: methodologyHash(method) } : {}), ...(seal ? { seal } : {}) },
  };
}

/** The headline as published: the figures ResultsPublished freezes and the public results serve. */
const figuresOf = (report: HeadlineReport) => report as unknown as Record<string, unknown>;
