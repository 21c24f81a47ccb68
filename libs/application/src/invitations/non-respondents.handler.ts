import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { Aggregates } from '../runtime/aggregates';
import { NonRespondentsQuery } from './non-respondents.query';
import { existingCampaign, nonRespondentsPage } from './progress-reads';

@QueryHandler(NonRespondentsQuery)
export class NonRespondentsHandler implements IQueryHandler<NonRespondentsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads, private readonly aggregates: Aggregates) {}

  async execute({ campaignId, after, limit }: NonRespondentsQuery) {
    await existingCampaign(this.aggregates, campaignId);
    // One more than asked tells whether there is a next page.
    const rows = await nonRespondentsPage(this.readModels, campaignId, after, limit + 1);
    const nonRespondents = rows.slice(0, limit);
    return { campaignId, nonRespondents, next: rows.length > limit ? nonRespondents[limit - 1].creditCode : null };
  }
}
