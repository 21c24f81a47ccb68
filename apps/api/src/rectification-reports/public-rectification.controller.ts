/** The public table of a published campaign's rectification cases, for anyone (rate-limited per IP like every route without a token); 404 until published. */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { PublicRectificationQuery } from '@survey/application';
import { Answers, json, ref } from '../docs/answers';
import { requiredParam } from '../http/query-params';

@Controller('v1/public')
export class PublicRectificationController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({
    summary: 'The public table of a published campaign\'s rectification cases',
    ok: { 200: json(ref('PublicRectification')) },
    errors: { 400: 'campaignId missing, empty or repeated', 404: 'no such campaign, or not published yet' },
    query: { campaignId: 'the campaign (required)' },
  })
  @Get('rectification')
  table(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new PublicRectificationQuery(requiredParam(query, 'campaignId')));
  }
}
