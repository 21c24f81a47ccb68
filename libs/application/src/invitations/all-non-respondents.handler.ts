import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { Aggregates } from '../runtime/aggregates';
import { AllNonRespondentsQuery } from './all-non-respondents.query';
import { NonRespondent } from './non-respondents.query';
import { existingCampaign, nonRespondentsPage } from './progress-reads';

@QueryHandler(AllNonRespondentsQuery)
export class AllNonRespondentsHandler implements IQueryHandler<AllNonRespondentsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads, private readonly aggregates: Aggregates) {}

  async execute({ campaignId }: AllNonRespondentsQuery): Promise<AsyncIterable<NonRespondent>> {
    await existingCampaign(this.aggregates, campaignId); // a 404 before the answer starts
    const page = (after: string | null) => nonRespondentsPage(this.readModels, campaignId, after, 1000);
    return (async function* () {
      for (let rows = await page(null); rows.length > 0; rows = await page(rows[rows.length - 1].creditCode)) yield* rows;
    })();
  }
}
