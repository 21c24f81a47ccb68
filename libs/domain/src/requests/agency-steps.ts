/**
 * The steps of the agency a request is dispatched to: accept it or return it to the centre, ask
 * for more time before the deadline, resolve it with a reply.
 */
import { withinNaturalDays } from '../calendar';
import { check, MAX_TEXT_CHARACTERS, requiredReason, requiredText } from '../text';
import { Conflict, FieldError } from '../errors';
import type { AcceptRequest, AskExtension, RequestContext, ResolveRequest, ReturnRequest } from './commands';
import { openRequestFor, requireStatus, stampOf } from './common';
import type { RequestEvent } from './events';
import type { RequestState } from './state';

export function accept(cmd: AcceptRequest['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'agency');
  requireStatus(s, ['dispatched'], 'only a newly dispatched request is accepted');
  return [{ type: 'RequestAccepted', data: { requestId: s.requestId, agencyId: s.agencyId!, at: context.now.toISOString() } }];
}

/** Back to the centre, which then has a new dispatch deadline. Only before accepting it. */
export function giveBack(cmd: ReturnRequest['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'agency');
  requireStatus(s, ['dispatched'], 'a request is returned before it is accepted');
  const problems: FieldError[] = [];
  const reason = requiredReason(cmd.reason, problems);
  check('invalid return', problems);
  const { calendar, now, policy } = context;
  const dispatch = calendar.withinWorkingDays(now, policy.dispatchDays);
  return [{
    type: 'RequestReturned',
    data: { requestId: s.requestId, agencyId: s.agencyId!, reason, dispatchDue: dispatch.due, calendar: stampOf(calendar, dispatch), at: now.toISOString() },
  }];
}

/** Before the resolve deadline, one ask at a time, up to the policy's working days in all. */
export function askExtension(cmd: AskExtension['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'agency');
  requireStatus(s, ['accepted'], 'an extension is asked for an accepted request');
  const { now, policy } = context;
  if (Date.parse(s.resolveDue!) <= now.getTime()) throw new Conflict(`the deadline of request ${s.requestId} passed at ${s.resolveDue}: an extension is asked before it`);
  if (s.extensionAsked !== null) throw new Conflict(`request ${s.requestId} already has an extension asked and not decided`);
  const problems: FieldError[] = [];
  const days = cmd.workingDays;
  if (!Number.isInteger(days) || days < 1 || days > policy.maxExtensionDays) {
    problems.push({ field: 'workingDays', message: `must be a whole number from 1 to ${policy.maxExtensionDays}` });
  }
  const reason = requiredReason(cmd.reason, problems);
  check('invalid extension', problems);
  if (s.extensionGranted + days > policy.maxExtensionDays) {
    throw new Conflict(`request ${s.requestId} was already granted ${s.extensionGranted} working days: at most ${policy.maxExtensionDays} in all`);
  }
  return [{ type: 'RequestExtensionAsked', data: { requestId: s.requestId, agencyId: s.agencyId!, workingDays: days, reason, at: now.toISOString() } }];
}

/** The answer, after accepting; it starts the enterprise's seven natural days to rate it. */
export function resolve(cmd: ResolveRequest['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'agency');
  requireStatus(s, ['accepted'], 'a request is resolved once accepted');
  const problems: FieldError[] = [];
  const reply = requiredText('reply', cmd.reply, MAX_TEXT_CHARACTERS, problems);
  check('invalid resolution', problems);
  const { now, policy } = context;
  const rateDue = withinNaturalDays(now, policy.rateDays);
  return [{ type: 'RequestResolved', data: { requestId: s.requestId, agencyId: s.agencyId!, round: s.round, reply, rateDue, at: now.toISOString() } }];
}
