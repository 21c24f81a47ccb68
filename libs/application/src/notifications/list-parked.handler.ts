import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { ListParkedQuery, ParkedPage } from './list-parked.query';
import type { NoticeBody } from './notice';
import { PARKED, ParkedNotice } from './parked';

@QueryHandler(ListParkedQuery)
export class ListParkedHandler implements IQueryHandler<ListParkedQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly docs: DocumentReads) {}

  async execute({ after, limit }: ListParkedQuery): Promise<ParkedPage> {
    const rows = await this.docs.listPage<ParkedNotice>(PARKED, '', after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      parked: page.map(({ doc }) => ({
        key: doc.key, kind: doc.kind, subject: doc.subject, tries: doc.tries, lastError: doc.lastError, parkedAt: doc.parkedAt,
        notice: JSON.parse(doc.body) as NoticeBody,
      })),
      next: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
