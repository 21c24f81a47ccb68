/**
 * Admin uploads of the CSV imports: the body (`Content-Type: text/csv`, up to 64 MiB) streams into
 * the same importer as `survey import …`; the answer is the summary with the rows' problems.
 */
import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { agencyImport, enterpriseImport, ImportKind, Principal, UploadImportCommand } from '@survey/application';
import { Invalid } from '@survey/domain';
import { Allow, CurrentPrincipal } from '../http/auth';
import { isUpload } from '../http/csv-upload';
import { metaOf } from '../http/meta';
import { Answers, json, ref } from '../docs/answers';

/** What either upload can refuse besides the body-borne errors every write has. */
const IMPORT_ERRORS = {
  400: 'a file without the right header',
  413: 'a file over 64 MiB',
  415: 'a body that is not text/csv',
};

@Controller('v1/admin/imports')
@Allow('admin')
export class ImportsController {
  constructor(private readonly commands: CommandBus) {}

  @Answers({ summary: 'Register or update enterprises from a CSV file', ok: { 200: json(ref('ImportSummary')) }, errors: IMPORT_ERRORS, csvUpload: 'credit_code,name,district,industry,size' })
  @Post('enterprises')
  @HttpCode(200)
  enterprises(@Req() request: FastifyRequest, @CurrentPrincipal() who: Principal) {
    return this.run(enterpriseImport, request, who);
  }

  /** `?campaign={id}`: the campaign whose agencies the file adds or renames. */
  @Answers({ summary: 'Add or rename a campaign\'s agencies from a CSV file', ok: { 200: json(ref('ImportSummary')) }, errors: { ...IMPORT_ERRORS, 400: 'no ?campaign=, or a file without the right header', 404: 'no such campaign', 409: 'the campaign is closed' }, query: { campaign: 'the campaign (required)' }, csvUpload: 'agency_id,name' })
  @Post('agencies')
  @HttpCode(200)
  agencies(@Req() request: FastifyRequest, @Query('campaign') campaignId: unknown, @CurrentPrincipal() who: Principal) {
    if (typeof campaignId !== 'string' || !campaignId) throw Invalid.because('cannot import agencies', [{ field: 'campaign', message: 'the query must name the campaign: ?campaign={id}' }]);
    return this.run(agencyImport(campaignId), request, who);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private run(kind: ImportKind<any, any, string>, request: FastifyRequest, who: Principal) {
    const body = request.body;
    if (!isUpload(body)) throw Object.assign(new Error('send the file as text/csv (UTF-8)'), { statusCode: 415 });
    return this.commands.execute(new UploadImportCommand(kind, body, metaOf(who)));
  }
}
