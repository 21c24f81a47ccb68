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

@Controller('v1/admin/imports')
@Allow('admin')
export class ImportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('enterprises')
  @HttpCode(200)
  enterprises(@Req() request: FastifyRequest, @CurrentPrincipal() who: Principal) {
    return this.run(enterpriseImport, request, who);
  }

  /** `?campaign={id}`: the campaign whose agencies the file adds or renames. */
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
