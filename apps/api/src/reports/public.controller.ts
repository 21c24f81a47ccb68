/** Published results, for anyone: only what ResultsPublished froze (and the bad-review ranking derived from it), 404 until then. */
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { PublicResultsQuery } from '@survey/application';

@Controller('v1/public')
export class PublicController {
  constructor(private readonly queries: QueryBus) {}

  @Get('campaigns/:id/results')
  results(@Param('id') id: string) {
    return this.queries.execute(new PublicResultsQuery(id));
  }
}
