/**
 * The public rectification table of a published campaign, live: cases go on being worked after the
 * survey's figures are published, and the public sees how they are handled as it happens (docs/api.md).
 * Before publication the campaign is a 404, as its public results are.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@survey/domain';
import { DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { publicRectification, PublicRectification } from '@survey/reporting';
import { PublicRectificationQuery } from './public-rectification.query';
import { campaignCases } from './rectification-source';

@QueryHandler(PublicRectificationQuery)
export class PublicRectificationHandler implements IQueryHandler<PublicRectificationQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  async execute({ campaignId }: PublicRectificationQuery): Promise<PublicRectification> {
    const unpublished = () => new NotFound(`campaign ${campaignId} has no published results`);
    const { campaign, agencies } = await campaignCases(this.readModels, campaignId).catch((e: unknown) => {
      throw e instanceof NotFound ? unpublished() : e;
    });
    if (!campaign.publishedAt) throw unpublished();
    return publicRectification(campaignId, campaign.publishedAt, agencies);
  }
}
