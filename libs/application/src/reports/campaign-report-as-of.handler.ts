/** The headline as of a past time: the same assembly as the live one, over a replay of the log's prefix (replay/log-replay.ts). */
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { HeadlineReport } from '@survey/reporting';
import { LogReplay } from '../replay/log-replay';
import { CampaignReportAsOfQuery } from './campaign-report-as-of.query';
import { headlineFrom, memorySource } from './report-source';

@QueryHandler(CampaignReportAsOfQuery)
export class CampaignReportAsOfHandler implements IQueryHandler<CampaignReportAsOfQuery> {
  constructor(private readonly replay: LogReplay) {}

  async execute({ campaignId, at }: CampaignReportAsOfQuery): Promise<HeadlineReport> {
    const { docs, position, recordedAt } = await this.replay.at(at);
    return headlineFrom(memorySource(docs), campaignId, { position, recordedAt });
  }
}
