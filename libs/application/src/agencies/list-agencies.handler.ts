import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AGENCIES, AgencyDoc, DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { ListAgenciesQuery } from './list-agencies.query';

@QueryHandler(ListAgenciesQuery)
export class ListAgenciesHandler implements IQueryHandler<ListAgenciesQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  async execute() {
    const docs = await this.readModels.list<AgencyDoc>(AGENCIES);
    return { agencies: docs.map(({ agencyId, name, registered }) => ({ agencyId, name, registered })) };
  }
}
