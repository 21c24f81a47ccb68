/** As-of reports: the same assembly as the live ones, over a replay of the log's prefix (log-replay.ts). */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AgencyDetail, HeadlineReport } from '@survey/reporting';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AgencyReportAsOfQuery, CampaignReportAsOfQuery } from './as-of-reports.query';
import { LogReplay } from './log-replay';
import { agencyDetailFrom, headlineFrom, memorySource } from './report-source';

export const SEGMENTS_OMITTED =
  'segment breakdowns are not offered as of a past time: comparing two moments would reveal the cells that suppression hides';

@QueryHandler(CampaignReportAsOfQuery)
export class CampaignReportAsOfHandler implements IQueryHandler<CampaignReportAsOfQuery> {
  constructor(private readonly replay: LogReplay) {}

  async execute({ campaignId, at }: CampaignReportAsOfQuery): Promise<HeadlineReport> {
    const { docs, position, recordedAt } = await this.replay.at(at);
    return headlineFrom(memorySource(docs), campaignId, { position, recordedAt });
  }
}

@QueryHandler(AgencyReportAsOfQuery)
export class AgencyReportAsOfHandler implements IQueryHandler<AgencyReportAsOfQuery> {
  constructor(
    private readonly replay: LogReplay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ campaignId, agencyId, at }: AgencyReportAsOfQuery): Promise<AgencyDetail> {
    const { docs, position, recordedAt } = await this.replay.at(at);
    return agencyDetailFrom(memorySource(docs), campaignId, agencyId, this.config.suppressionK, { position, recordedAt }, { include: false, omitted: SEGMENTS_OMITTED });
  }
}
