/** Published results, for anyone: only what ResultsPublished froze (and the bad-review ranking derived from it), 404 until then. */
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { NotFound } from '@survey/domain';
import { CampaignDoc, COLLECTIONS, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { publicResults } from '@survey/reporting';

@Controller('v1/public')
export class PublicController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  @Get('campaigns/:id/results')
  async results(@Param('id') id: string) {
    const campaign = await this.readModels.get<CampaignDoc>(COLLECTIONS.campaigns, id);
    if (!campaign?.published) throw new NotFound(`campaign ${id} has no published results`);
    return publicResults(campaign.published.figures, campaign.published.publishedAt, campaign.published.seal);
  }
}
