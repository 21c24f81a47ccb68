/**
 * Response progress for admins while a campaign runs: the counts, and the enterprises that have not
 * responded yet (JSON pages, or the whole list as a CSV for reminders, streamed). Only admins:
 * analysts and auditors never see who responded.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Readable } from 'node:stream';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AllNonRespondentsQuery, CampaignProgressQuery, NonRespondent, NonRespondentsQuery } from '@survey/application';
import { CSV_BOM, csvRow } from '@survey/reporting';
import { Allow } from '../http/auth';
import { DecimalInt } from '../http/query-params';
import { Answers, CSV, json, ref } from '../docs/answers';

export class NonRespondentsPageDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10_000, default: 1000 }) @IsOptional() @DecimalInt() @IsInt() @Min(1) @Max(10_000) limit?: number;
  /** The `next` of the previous page: the last credit code it listed. */
  @ApiPropertyOptional({ maxLength: 18, description: 'the `next` of the previous page' }) @IsOptional() @IsString() @MaxLength(18) after?: string;
}

@Controller('v1/admin/campaigns/:id')
@Allow('admin')
export class ProgressController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({ summary: 'Response progress: invited, responded, by agency and district', ok: { 200: json(ref('Progress')) }, errors: { 404: 'no such campaign' } })
  @Get('progress')
  progress(@Param('id') campaignId: string) {
    return this.queries.execute(new CampaignProgressQuery(campaignId));
  }

  @Answers({ summary: 'The enterprises invited that have not responded, a page at a time', ok: { 200: json(ref('NonRespondents')) }, errors: { 400: 'a bad limit or after', 404: 'no such campaign' } })
  @Get('non-respondents')
  nonRespondents(@Param('id') campaignId: string, @Query() page: NonRespondentsPageDto) {
    return this.queries.execute(new NonRespondentsQuery(campaignId, page.after ?? null, page.limit ?? 1000));
  }

  /** `credit_code,name,district`, UTF-8 with a BOM so that Excel reads the Chinese names. */
  @Answers({ summary: 'Every non-respondent as CSV, for reminders', ok: { 200: CSV }, errors: { 404: 'no such campaign' } })
  @Get('non-respondents.csv')
  async nonRespondentsCsv(@Param('id') campaignId: string) {
    const rows = await this.queries.execute(new AllNonRespondentsQuery(campaignId));
    return new StreamableFile(Readable.from(csvLines(rows)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${campaignId}-non-respondents.csv"`,
    });
  }
}

/** Through the one CSV writer, which defuses a name a spreadsheet would run as a formula. */
async function* csvLines(rows: AsyncIterable<NonRespondent>): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(['credit_code', 'name', 'district']);
  for await (const r of rows) yield csvRow([r.creditCode, r.name, r.district]);
}
