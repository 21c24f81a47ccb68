/** Published results, for anyone: only what ResultsPublished froze (and the bad-review ranking derived from it), 404 until then. */
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { PublicResultsQuery } from '@survey/application';
import { Answers, json, ref } from '../docs/answers';

@Controller('v1/public')
export class PublicController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({ summary: 'The published results of a campaign', ok: { 200: json(ref('PublicResults')) }, errors: { 404: 'no such campaign, or not published yet' } })
  @Get('campaigns/:id/results')
  results(@Param('id') id: string) {
    return this.queries.execute(new PublicResultsQuery(id));
  }
}
