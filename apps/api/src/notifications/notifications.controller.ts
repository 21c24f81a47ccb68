/**
 * The centre's view of the webhook outbox: the notices parked after their last try, and a retry of
 * one (202: the outbox, wherever it runs, tries it again in its turn; docs/notifications.md).
 */
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ListParkedQuery, Principal, RetryParkedCommand } from '@survey/application';
import { Answers, json, ref } from '../docs/answers';
import { Allow, CurrentPrincipal } from '../http/auth';
import { metaOf } from '../http/meta';
import { ParkedQueryDto } from './parked-query.dto';

@Controller('v1/notifications')
@Allow('centre', 'admin')
export class NotificationsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Answers({ summary: 'The notices the webhook outbox parked after their last try', ok: { 200: json(ref('ParkedNotices')) }, errors: { 400: 'a bad after or limit' } })
  @Get('parked')
  parked(@Query() query: ParkedQueryDto) {
    return this.queries.execute(new ListParkedQuery(query.after ?? null, query.limit ?? 100));
  }

  @Answers({ summary: 'Try a parked notice again (the outbox takes it in its turn)', ok: { 202: json(ref('RetryAccepted')) }, errors: { 404: 'no notice is parked under that key' } })
  @Post('parked/:key/retry')
  @HttpCode(202)
  retry(@Param('key') key: string, @CurrentPrincipal() who: Principal) {
    return this.commands.execute(new RetryParkedCommand(key, metaOf(who)));
  }
}
