/**
 * The pages of the API process: the dashboard, the public results page, the questionnaire, the
 * staff workbench, the enterprises' requests page (/r), and their files. Each page folder is registered the same way (../pages/page-folder.ts).
 */
import { Module } from '@nestjs/common';
import { questionnairePage } from '../questionnaire/questionnaire.controller';
import { requestPage } from '../request-page/request-page.controller';
import { workbenchPage } from '../workbench/workbench.controller';
import { PublishedCampaignsController } from './published-campaigns.controller';
import { webAssets } from './web-assets';
import { WebController } from './web.controller';

/** The pages served from their own folder under their own path (../pages/page-folder-controller.ts). */
const pageFolders = [questionnairePage, workbenchPage, requestPage];

@Module({
  controllers: [WebController, PublishedCampaignsController, ...pageFolders.map((page) => page.controller)],
  providers: [webAssets, ...pageFolders.map((page) => page.provider)],
})
export class WebModule {}
