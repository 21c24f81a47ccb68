import { Command } from '@nestjs/cqrs';
import type { CaseDetail, DecideAppeal, CloseCase, FileAppeal, RateFollowUp, RecordContact, ReportRectification } from '@survey/domain';
import type { Principal } from '../auth/tokens';
import type { CommandMeta } from '../runtime/command-meta';

/** The steps people take on a case (CLOSED-LOOP.md's case routes); the reactor's and the scheduler's are not among them. */
export type PersonsCaseStep = RecordContact | ReportRectification | RateFollowUp | FileAppeal | DecideAppeal | CloseCase;

/** One person's step on a case; answers the case as that person reads it after the step. */
export class CaseStepCommand extends Command<CaseDetail> {
  constructor(readonly step: PersonsCaseStep, readonly who: Principal, readonly meta: CommandMeta) {
    super();
  }
}
