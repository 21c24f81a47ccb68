/** The public totals of the enterprises' requests, for anyone (rate-limited per IP like every route without a token): no text, no agency, no enterprise. */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { PublicRequestsQuery, RequestCategoriesQuery } from '@survey/application';
import { Answers, json, ref } from '../docs/answers';
import { yearParam } from './report-params';

@Controller('v1/public')
export class PublicRequestsController {
  constructor(private readonly queries: QueryBus) {}

  @Answers({
    summary: 'The public totals of the enterprises\' requests, per category and in all',
    ok: { 200: json(ref('PublicRequests')) },
    errors: { 400: 'year not four digits, or repeated' },
    query: { year: 'the year the requests were received (Asia/Shanghai); default: every year' },
  })
  @Get('requests')
  totals(@Query() query: Record<string, unknown>) {
    return this.queries.execute(new PublicRequestsQuery(yearParam(query)));
  }

  @Answers({
    summary: 'The request categories of this deployment, with their labels and deadlines',
    description: 'What /r offers to file under (REQUEST_CATEGORIES_FILE; CLOSED-LOOP.md\'s nine by default), each with the working days to resolve it, and the other deadlines (REQUEST_*_DAYS).',
    ok: { 200: json(ref('RequestCategories')) },
  })
  @Get('request-categories')
  categories() {
    return this.queries.execute(new RequestCategoriesQuery());
  }
}
