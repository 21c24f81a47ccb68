/**
 * The public totals of the requests, live: requests are no campaign and have no publication step,
 * and these totals carry no text, no agency and no enterprise (docs/api.md).
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { publicRequests, PublicRequests } from '@survey/reporting';
import { PublicRequestsQuery } from './public-requests.query';
import { APP_CONFIG, AppConfig } from '../config/config';
import { reportedCategories, requestDays } from './request-source';

@QueryHandler(PublicRequestsQuery)
export class PublicRequestsHandler implements IQueryHandler<PublicRequestsQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ year }: PublicRequestsQuery): Promise<PublicRequests> {
    const days = await requestDays(this.readModels, year === null ? '' : `${year}-`);
    return publicRequests(year, reportedCategories(this.config), days);
  }
}
