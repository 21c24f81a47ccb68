import { Query } from '@nestjs/cqrs';

export interface NonRespondent {
  creditCode: string;
  name: string | null;
  district: string | null;
}

/** One page of the invited enterprises that have not responded, by credit code; `next` is the cursor for the page after. */
export class NonRespondentsQuery extends Query<{ campaignId: string; nonRespondents: NonRespondent[]; next: string | null }> {
  constructor(readonly campaignId: string, readonly after: string | null, readonly limit: number) {
    super();
  }
}
