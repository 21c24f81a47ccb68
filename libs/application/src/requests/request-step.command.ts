import { Command } from '@nestjs/cqrs';
import type {
  AcceptRequest, AskExtension, CloseEscalatedRequest, DecideExtension, DispatchRequest, RateResolution, RequestDetail, ResolveRequest, ReturnRequest, WithdrawRequest,
} from '@survey/domain';
import type { Principal } from '../auth/tokens';
import type { CommandMeta } from '../runtime/command-meta';

/** The steps people take on a filed request (CLOSED-LOOP.md's request routes); the scheduler's are not among them. */
export type PersonsRequestStep =
  | DispatchRequest | AcceptRequest | ReturnRequest | AskExtension | DecideExtension | ResolveRequest | RateResolution | WithdrawRequest | CloseEscalatedRequest;

/** One person's step on a request; answers the request as that person reads it after the step. */
export class RequestStepCommand extends Command<RequestDetail> {
  constructor(readonly step: PersonsRequestStep, readonly who: Principal, readonly meta: CommandMeta) {
    super();
  }
}
