import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DIRECTORY, DirectoryDoc, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { DirectoryQuery } from './directory.query';

@QueryHandler(DirectoryQuery)
export class DirectoryHandler implements IQueryHandler<DirectoryQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  async execute({ filter }: DirectoryQuery) {
    const all = await this.readModels.list<DirectoryDoc>(DIRECTORY);
    const keep = (values: string[] | undefined, value: string) => !values?.length || values.includes(value);
    return all.filter((e) => keep(filter.district, e.district) && keep(filter.industry, e.industry) && keep(filter.size, e.size));
  }
}
