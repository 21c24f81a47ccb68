/**
 * The pages of the API process: the dashboard, the public results page, the questionnaire, the
 * staff workbench, the enterprises' requests page (/r), and their files. Each page folder is registered the same way (../pages/page-folder.ts).
 */
import { Module } from '@nestjs/common';
import { QuestionnaireController, questionnairePages } from '../questionnaire/questionnaire.controller';
import { RequestPageController, requestPages } from '../request-page/request-page.controller';
import { WorkbenchController, workbenchPages } from '../workbench/workbench.controller';
import { PublishedCampaignsController } from './published-campaigns.controller';
import { webAssets } from './web-assets';
import { WebController } from './web.controller';

@Module({
  controllers: [WebController, PublishedCampaignsController, QuestionnaireController, WorkbenchController, RequestPageController],
  providers: [webAssets, questionnairePages, workbenchPages, requestPages],
})
export class WebModule {}
