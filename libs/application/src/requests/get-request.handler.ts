import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetRequestQuery } from './get-request.query';
import { requestActorOf, RequestReads } from './request-reads';

@QueryHandler(GetRequestQuery)
export class GetRequestHandler implements IQueryHandler<GetRequestQuery> {
  constructor(private readonly reads: RequestReads) {}

  execute({ requestId, who }: GetRequestQuery) {
    return this.reads.one(requestId, requestActorOf(who));
  }
}
