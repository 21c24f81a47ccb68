/** One agency's detail as of a past time: the live assembly over a replay of the log's prefix, segments left out. */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AgencyDetail } from '@survey/reporting';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LogReplay } from '../replay/log-replay';
import { AgencyReportAsOfQuery } from './agency-report-as-of.query';
import { agencyDetailFrom, memorySource } from './report-source';

export const SEGMENTS_OMITTED =
  'segment breakdowns are not offered as of a past time: comparing two moments would reveal the cells that suppression hides';

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
