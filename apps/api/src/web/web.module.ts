/** The pages of the API process: the dashboard, the public results page and their assets. */
import { Module } from '@nestjs/common';
import { PublishedCampaignsController } from './published-campaigns.controller';
import { WebAssets } from './web-assets';
import { WebController } from './web.controller';

@Module({
  controllers: [WebController, PublishedCampaignsController],
  // Read once, at start-up: a missing file stops the process before it listens.
  providers: [{ provide: WebAssets, useFactory: () => new WebAssets() }],
})
export class WebModule {}
