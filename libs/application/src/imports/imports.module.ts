/**
 * CSV imports uploaded over HTTP: each row becomes an enterprise's or a campaign's command on the
 * bus, so those features come with it. (`survey import` reads its file with the same importCsv.)
 */
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { UploadImportHandler } from './upload-import.handler';

@Module({
  imports: [EnterprisesModule, CampaignsModule],
  providers: [UploadImportHandler],
})
export class ImportsModule {}
