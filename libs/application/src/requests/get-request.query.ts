import { Query } from '@nestjs/cqrs';
import type { RequestDetail } from '@survey/domain';
import type { Principal } from '../auth/tokens';

/** One request with its history, for its enterprise, the centre, or an agency it is or was dispatched to. */
export class GetRequestQuery extends Query<RequestDetail> {
  constructor(readonly requestId: string, readonly who: Principal) {
    super();
  }
}
