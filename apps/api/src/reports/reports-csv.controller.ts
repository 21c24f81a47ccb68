/**
 * CSV exports of the headline (with agencies and campaign-wide segment cells) and of one agency's
 * detail: text/csv in UTF-8 with a BOM first, so that spreadsheet programs read Chinese names
 * correctly. The report is computed first (so a 404 is still a problem+json), then its rows are
 * streamed one by one. Same suppression as the JSON reports.
 */
import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Readable } from 'node:stream';
import { AgencyReportQuery, CampaignReportQuery, CampaignSegmentsQuery } from '@survey/application';
import { agencyCsv, CSV_BOM, headlineCsv } from '@survey/reporting';
import { Allow } from '../http/auth';
import { Answers, CSV } from '../docs/answers';

const BOM = Buffer.from(CSV_BOM, 'utf8');

function csvFile(rows: Iterable<string>, filename: string): StreamableFile {
  function* bytes() {
    yield BOM;
    for (const row of rows) yield Buffer.from(row, 'utf8');
  }
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return new StreamableFile(Readable.from(bytes()), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${safeName}"` });
}

@Controller('v1/reports')
@Allow('analyst', 'auditor', 'admin')
export class ReportsCsvController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({ summary: 'The headline, agencies and campaign-wide segment cells as CSV', ok: { 200: CSV }, errors: { 404: 'no such campaign' } })
  @Get('campaigns/:id.csv')
  async campaign(@Param('id') id: string) {
    const report = await this.queries.execute(new CampaignReportQuery(id));
    const segments = await this.queries.execute(new CampaignSegmentsQuery(id));
    return csvFile(headlineCsv(report, segments), `${id}.csv`);
  }

  @Answers({ summary: 'One agency\'s detail as CSV', ok: { 200: CSV }, errors: { 404: 'no such campaign or agency' } })
  @Get('campaigns/:id/agencies/:agencyId.csv')
  async agency(@Param('id') id: string, @Param('agencyId') agencyId: string) {
    const detail = await this.queries.execute(new AgencyReportQuery(id, agencyId));
    return csvFile(agencyCsv(detail), `${id}-${agencyId}.csv`);
  }
}
