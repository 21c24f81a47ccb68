import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseReads } from './case-reads';
import { GetCaseQuery } from './get-case.query';

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(private readonly reads: CaseReads) {}

  execute({ caseId, who }: GetCaseQuery) {
    return this.reads.one(caseId, who);
  }
}
