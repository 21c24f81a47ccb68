/**
 * Publishing freezes the headline as computed from read models that have folded in the whole log,
 * and records it with the log position it reflects in ResultsPublished, together with the
 * methodology (formula version, scale, questions) and its hash, and a seal of the log taken just
 * before, which covers every rating the figures come from.
 */
import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { campaignDecider, PublishedSeal, streams } from '@survey/domain';
import { Methodology, methodologyHash, methodologyOf } from '@survey/reporting';
import { Aggregates } from '../runtime/aggregates';
import { Projections } from '../projections/projections';
import { Sealer } from '../seals/sealer';
import { CampaignReportQuery } from '../reports/campaign-report.query';
import { campaignView } from './campaign.view';
import { PublishResultsCommand } from './publish-results.command';

@CommandHandler(PublishResultsCommand)
export class PublishResultsHandler implements ICommandHandler<PublishResultsCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly projections: Projections,
    private readonly queries: QueryBus,
    private readonly sealer: Sealer,
  ) {}

  async execute({ campaignId, meta }: PublishResultsCommand) {
    const stream = streams.campaign(campaignId);
    const now = this.aggregates.now();
    const publish = (position: number, figures: Record<string, unknown>, method?: Methodology, seal?: PublishedSeal) => ({
      type: 'PublishResults' as const,
      data: { campaignId, position, figures, ...(method ? { methodology: method, methodologyHash: methodologyHash(method) } : {}), ...(seal ? { seal } : {}) },
    });
    // The decider's rules first, so a campaign that may not be published fails before any waiting.
    const { state: before } = await this.aggregates.load(stream, campaignDecider);
    campaignDecider.decide(publish(0, {}), before, { now });
    await this.projections.catchUp();
    const report = await this.queries.execute(new CampaignReportQuery(campaignId));
    const figures = report as unknown as Record<string, unknown>;
    // The figures' methodology: the campaign's scale and questions, and the formulas' version.
    const method = before.exists ? methodologyOf(before.definition) : undefined;
    const { position, count, rollingHash, sealedAt } = await this.sealer.sealNow();
    const seal = { position, count, rollingHash, sealedAt };
    const { state } = await this.aggregates.execute(stream, campaignDecider, publish(Number(report.asOf.position), figures, method, seal), () => ({ now }), meta);
    if (!state.exists) throw new Error('unreachable: published a campaign that does not exist');
    // So that the public results (read from the read models) answer 200 as soon as publishing has.
    await this.projections.catchUp();
    return { ...campaignView(state.definition, state.closedAt, state.publishedAt, now), published: figures, seal };
  }
}
