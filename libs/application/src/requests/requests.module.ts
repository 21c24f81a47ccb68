/**
 * Enterprises' requests (诉求, the "113" mechanism, CLOSED-LOOP.md): filing (with an Idempotency-Key
 * kept in the log), the steps people take on a request (one command: load → decide → append on its
 * stream), and the queries of the request routes (the queues from the `request-queue` projection,
 * one request with its history from its stream). The deadlines' scheduler is the cases' one
 * (../cases/deadline-scheduler.ts), which follows requests too.
 */
import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { FileRequestHandler } from './file-request.handler';
import { GetRequestHandler } from './get-request.handler';
import { ListRequestsHandler } from './list-requests.handler';
import { RequestCategoriesHandler } from './request-categories.handler';
import { RequestReads } from './request-reads';
import { RequestRuntime } from './request-runtime';
import { RequestStepHandler } from './request-step.handler';

const commandHandlers = [FileRequestHandler, RequestStepHandler];
const queryHandlers = [GetRequestHandler, ListRequestsHandler, RequestCategoriesHandler];

@Module({
  imports: [AgenciesModule],
  providers: [RequestRuntime, RequestReads, ...commandHandlers, ...queryHandlers],
})
export class RequestsModule {}
