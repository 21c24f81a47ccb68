import { Query } from '@nestjs/cqrs';
import type { CaseDetail } from '@survey/domain';
import type { Principal } from '../auth/tokens';

/** One case with its history, for the centre, the case's agency or the case's enterprise. */
export class GetCaseQuery extends Query<CaseDetail> {
  constructor(readonly caseId: string, readonly who: Principal) {
    super();
  }
}
