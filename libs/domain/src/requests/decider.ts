/**
 * The request decider (诉求, "113"): received → dispatched → accepted → resolved → closed, with
 * returned (back at the centre), escalated and withdrawn. The people's steps are in
 * ./centre-steps.ts, ./agency-steps.ts and ./enterprise-steps.ts; the scheduler's here, idempotent
 * (a replay or a second scheduler decides nothing new). Any person's step on a closed or withdrawn
 * request is a Conflict.
 */
import { assertNever, Decider } from '../decider';
import { Conflict } from '../errors';
import { authorizeRequestStep } from './access';
import { accept, askExtension, giveBack, resolve } from './agency-steps';
import { closeEscalated, decideExtension, dispatch, receive } from './centre-steps';
import type { MarkRequestDeadlineMissed, RequestCommand, RequestContext } from './commands';
import { missedRequestDeadlines, pendingRequestDeadlines, rateDue } from './deadlines';
import { rate, withdraw } from './enterprise-steps';
import type { RequestEvent } from './events';
import { evolveRequest, initialRequestState, missedRequestKey, RequestState } from './state';

export const requestDecider: Decider<RequestCommand, RequestEvent, RequestState, RequestContext> = {
  initialState: initialRequestState,
  evolve: evolveRequest,

  decide(command, state, context) {
    switch (command.type) {
      case 'ReceiveRequest':
        return receive(command.data, state, context);
      case 'DispatchRequest':
        return dispatch(command.data, state, context);
      case 'AcceptRequest':
        return accept(command.data, state, context);
      case 'ReturnRequest':
        return giveBack(command.data, state, context);
      case 'AskExtension':
        return askExtension(command.data, state, context);
      case 'DecideExtension':
        return decideExtension(command.data, state, context);
      case 'ResolveRequest':
        return resolve(command.data, state, context);
      case 'RateResolution':
        return rate(command.data, state, context);
      case 'WithdrawRequest':
        return withdraw(command.data, state, context);
      case 'CloseEscalatedRequest':
        return closeEscalated(command.data, state, context);
      case 'CloseUnratedRequest': {
        const s = authorizeRequestStep(state, command.data.requestId, context.actor, 'system');
        const due = rateDue(s);
        if (due === null) return [];
        if (Date.parse(due) > context.now.getTime()) throw new Conflict(`request ${s.requestId} may be rated until ${due}`);
        return [{ type: 'RequestClosed', data: { requestId: s.requestId, outcome: 'not-rated', rating: null, note: null, at: context.now.toISOString() } }];
      }
      case 'MarkRequestDeadlineMissed':
        return markMissed(command.data, state, context);
      default:
        return assertNever(command);
    }
  },
};

/** At most once per deadline; too early is a Conflict; met, superseded or recorded is nothing. */
function markMissed(cmd: MarkRequestDeadlineMissed['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = authorizeRequestStep(state, cmd.requestId, context.actor, 'system');
  const same = (d: { deadline: string; due: string }) => d.deadline === cmd.deadline && d.due === cmd.due;
  const missed = missedRequestDeadlines(s, context.now).find(same);
  if (missed) return [{ type: 'RequestDeadlineMissed', data: { requestId: s.requestId, ...missed, at: context.now.toISOString() } }];
  if (pendingRequestDeadlines(s).some(same) && !s.missed.has(missedRequestKey(cmd.deadline, cmd.due))) {
    throw new Conflict(`the ${cmd.deadline} deadline of request ${s.requestId} is not due until ${cmd.due}`);
  }
  return [];
}
